// HTTPS client against a local TLS server whose self-signed certificate is generated here, so
// both verification failure and success are exercised without any network or fixture files.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "adapters/http/http_client.hpp"

namespace sharpline::adapters::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

struct TestCertificate {
  std::string cert_pem;
  std::string key_pem;
};

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value));
  ASSERT_TRUE(extension);
  ASSERT_EQ(X509_add_ext(cert, extension.get(), -1), 1);
}

// A self-signed P-256 certificate valid for the given subjectAltName list.
TestCertificate make_self_signed(const char* subject_alt_names) {
  PkeyPtr key(EVP_EC_gen("P-256"));
  EXPECT_TRUE(key);
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("sharpline test"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), NID_subject_alt_name, subject_alt_names);
  EXPECT_GT(X509_sign(cert.get(), key.get(), EVP_sha256()), 0);

  TestCertificate out;
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(cert_bio.get(), cert.get());
  out.cert_pem = bio_text(cert_bio.get());
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  out.key_pem = bio_text(key_bio.get());
  return out;
}

// Serves one fixed response per TLS connection on 127.0.0.1 until destroyed.
class TlsTestServer {
 public:
  explicit TlsTestServer(const TestCertificate& certificate)
      : tls_(ssl::context::tls_server), acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    tls_.use_certificate_chain(asio::buffer(certificate.cert_pem));
    tls_.use_private_key(asio::buffer(certificate.key_pem), ssl::context::pem);
    accept();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~TlsTestServer() {
    asio::post(ioc_, [this] { acceptor_.close(); });
    ioc_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, asio::ip::tcp::socket socket) {
      if (ec) return;
      serve(std::move(socket));  // blocking is fine: one test client at a time
      accept();
    });
  }

  void serve(asio::ip::tcp::socket socket) {
    ssl::stream<asio::ip::tcp::socket> stream(std::move(socket), tls_);
    boost::system::error_code ec;
    stream.handshake(ssl::stream_base::server, ec);
    if (ec) return;  // the client refused our certificate
    beast::flat_buffer buffer;
    beast::http::request<beast::http::string_body> request;
    beast::http::read(stream, buffer, request, ec);
    if (ec) return;
    beast::http::response<beast::http::string_body> response{beast::http::status::ok, 11};
    response.body() = "secure " + std::string(request.target());
    response.prepare_payload();
    beast::http::write(stream, response, ec);
    stream.shutdown(ec);
  }

  asio::io_context ioc_;
  ssl::context tls_;
  asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
};

class HttpsClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    certificate_ = make_self_signed("IP:127.0.0.1,DNS:localhost");
    ca_file_ = write_temp("ca", certificate_.cert_pem);
    server_ = std::make_unique<TlsTestServer>(certificate_);
  }
  void TearDown() override {
    server_.reset();
    for (const auto& path : temp_files_) std::filesystem::remove(path);
  }

  std::string write_temp(const std::string& name, const std::string& text) {
    auto path = std::filesystem::temp_directory_path() /
                ("sharpline-tls-" + name + "-" + std::to_string(::getpid()) + "-" +
                 std::to_string(temp_files_.size()) + ".pem");
    std::ofstream(path) << text;
    temp_files_.push_back(path);
    return path.string();
  }

  std::string url(const std::string& target = "/x") const {
    return "https://127.0.0.1:" + std::to_string(server_->port()) + target;
  }

  TestCertificate certificate_;
  std::string ca_file_;
  std::unique_ptr<TlsTestServer> server_;
  std::vector<std::filesystem::path> temp_files_;
};

TEST_F(HttpsClientTest, UnknownCertificateFailsVerificationByDefault) {
  try {
    HttpClient().get(url("/x?apiKey=SECRET"), {}, std::chrono::milliseconds(5000));
    FAIL() << "a self-signed certificate passed default verification";
  } catch (const HttpError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("TLS handshake with 127.0.0.1:" + std::to_string(server_->port())),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("certificate verification failed"), std::string::npos) << message;
    EXPECT_EQ(message.find("SECRET"), std::string::npos) << message;
  }
}

TEST_F(HttpsClientTest, TrustedCaFileMakesTheRequestSucceed) {
  HttpClientOptions options;
  options.ca_file = ca_file_;
  auto response = HttpClient(options).get(url("/odds"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "secure /odds");
}

TEST_F(HttpsClientTest, CertificateForAnotherHostIsRejectedEvenWhenTrusted) {
  auto other = make_self_signed("DNS:other.invalid");
  TlsTestServer other_server(other);
  HttpClientOptions options;
  options.ca_file = write_temp("other", other.cert_pem);
  try {
    HttpClient(options).get("https://127.0.0.1:" + std::to_string(other_server.port()) + "/");
    FAIL() << "a certificate without 127.0.0.1 was accepted for 127.0.0.1";
  } catch (const HttpError& e) {
    EXPECT_NE(std::string(e.what()).find("certificate verification failed"), std::string::npos)
        << e.what();
  }
}

TEST_F(HttpsClientTest, InsecureFlagSkipsVerification) {
  HttpClientOptions options;
  options.insecure_skip_verify = true;
  EXPECT_EQ(HttpClient(options).get(url()).status, 200);
}

TEST_F(HttpsClientTest, PlainHttpToATlsPortFailsCleanly) {
  EXPECT_THROW(HttpClient().get("http://127.0.0.1:" + std::to_string(server_->port()) + "/", {},
                                std::chrono::milliseconds(2000)),
               HttpError);
}

}  // namespace
}  // namespace sharpline::adapters::http
