#include "adapters/http/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

#include "adapters/http/http_error.hpp"

namespace sharpline::adapters::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

// Returns false for anything but 1-5 digits in range; port 0 is allowed (the caller decides).
bool parse_port(std::string_view text, std::uint16_t& port) {
  if (text.empty() || text.size() > 5) return false;
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

// Splits "host:port" / "[v6]:port" / "host"; port_text is empty when absent.
bool split_host_port(std::string_view text, std::string_view& host, std::string_view& port_text) {
  port_text = {};
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos) return false;
    host = text.substr(1, close - 1);
    auto rest = text.substr(close + 1);
    if (rest.empty()) return true;
    if (rest.front() != ':') return false;
    port_text = rest.substr(1);
    return !port_text.empty();
  }
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    host = text;
    return true;
  }
  host = text.substr(0, colon);
  port_text = text.substr(colon + 1);
  return !port_text.empty() && host.find(':') == std::string_view::npos;
}

std::string redact_query(std::string_view query) {
  std::string out;
  std::size_t start = 0;
  while (start <= query.size()) {
    auto end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    auto item = query.substr(start, end - start);
    if (start != 0) out += '&';
    auto eq = item.find('=');
    if (eq != std::string_view::npos) {
      out.append(item.substr(0, eq));
      out += "=***";
    } else if (!item.empty()) {
      out += "***";  // a bare value may itself be a secret
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && c == '+') ? ' ' : c;
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto uc = static_cast<unsigned char>(c);
    if (is_unreserved(uc)) {
      out += c;
    } else {
      out += '%';
      out += kHex[uc >> 4];
      out += kHex[uc & 0x0F];
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> params;
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    auto item = query.substr(start, end - start);
    if (!item.empty()) {
      auto eq = item.find('=');
      auto key = percent_decode(item.substr(0, eq), true);
      auto value =
          eq == std::string_view::npos ? std::string() : percent_decode(item.substr(eq + 1), true);
      params.insert_or_assign(std::move(key), std::move(value));
    }
    start = end + 1;
  }
  return params;
}

std::string redact_url(std::string_view url) {
  url = url.substr(0, url.find('#'));
  std::string out;
  std::size_t authority_start = 0;
  if (auto scheme_end = url.find("://"); scheme_end != std::string_view::npos) {
    authority_start = scheme_end + 3;
    out.append(url.substr(0, authority_start));
    auto authority_end = url.find_first_of("/?", authority_start);
    if (authority_end == std::string_view::npos) authority_end = url.size();
    auto authority = url.substr(authority_start, authority_end - authority_start);
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
      out += "***@";
      authority = authority.substr(at + 1);
    }
    out.append(authority);
    authority_start = authority_end;
  }
  auto rest = url.substr(authority_start);
  auto question = rest.find('?');
  out.append(rest.substr(0, question));
  if (question != std::string_view::npos) {
    out += '?';
    out += redact_query(rest.substr(question + 1));
  }
  return out;
}

ParsedUrl parse_url(std::string_view url) {
  auto fail = [&](std::string_view why) {
    return HttpError("invalid URL '" + redact_url(url) + "': " + std::string(why));
  };
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) throw fail("expected scheme://host");
  ParsedUrl parsed;
  parsed.scheme = std::string(url.substr(0, scheme_end));
  std::transform(parsed.scheme.begin(), parsed.scheme.end(), parsed.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (parsed.scheme != "http" && parsed.scheme != "https") {
    throw fail("unsupported scheme '" + parsed.scheme + "' (only http and https)");
  }
  auto without_fragment = url.substr(0, url.find('#'));
  auto authority_start = scheme_end + 3;
  auto authority_end = without_fragment.find_first_of("/?", authority_start);
  if (authority_end == std::string_view::npos) authority_end = without_fragment.size();
  auto authority = without_fragment.substr(authority_start, authority_end - authority_start);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    parsed.userinfo = percent_decode(authority.substr(0, at));
    authority = authority.substr(at + 1);
  }
  std::string_view host;
  std::string_view port_text;
  if (!split_host_port(authority, host, port_text) || host.empty()) throw fail("missing host");
  parsed.host = std::string(host);
  if (port_text.empty()) {
    parsed.port = parsed.scheme == "https" ? 443 : 80;
  } else if (!parse_port(port_text, parsed.port) || parsed.port == 0) {
    throw fail("invalid port");
  }
  parsed.target = std::string(without_fragment.substr(authority_end));
  if (parsed.target.empty() || parsed.target.front() == '?') parsed.target.insert(0, "/");
  return parsed;
}

HostPort parse_host_port(std::string_view text) {
  std::string_view host;
  std::string_view port_text;
  HostPort result;
  if (!split_host_port(text, host, port_text) || host.empty() || port_text.empty() ||
      !parse_port(port_text, result.port)) {
    throw std::invalid_argument("invalid listen address '" + std::string(text) +
                                "' (expected HOST:PORT, e.g. 127.0.0.1:8088 or [::1]:0)");
  }
  result.host = std::string(host);
  return result;
}

std::string format_host_port(std::string_view host, std::uint16_t port) {
  std::string out;
  if (host.find(':') != std::string_view::npos) {
    out = "[" + std::string(host) + "]";
  } else {
    out = std::string(host);
  }
  return out + ":" + std::to_string(port);
}

}  // namespace sharpline::adapters::http
