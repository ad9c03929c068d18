// Interop with an independent Avro implementation (Apache Avro for Python, Debian's
// python3-avro 1.11).
//
// Fixtures: tests/data/serde/python/<stem>.avro are the examples in schemas/examples/ encoded by
// python-avro, made with
//   /usr/bin/python3 tests/data/serde/python_avro.py make-fixtures schemas tests/data/serde/python
// They are committed so this test needs no Python. Regenerate them when an example changes
// (the byte comparison below fails and says so).
//
// Live check: when /usr/bin/python3 can import avro, random records of every schema encoded by
// this codec are decoded by python-avro and must match.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "random_record.hpp"
#include "serde/base64.hpp"
#include "serde/json_avro_codec.hpp"
#include "serde_test_support.hpp"

namespace sharpline::serde {
namespace {

namespace fs = std::filesystem;
using testing::project_catalog;

const fs::path kPython = "/usr/bin/python3";

fs::path fixture(const std::string& stem) {
  return testing::test_data_dir() / "serde" / "python" / (stem + ".avro");
}

std::vector<uint8_t> read_bytes(const fs::path& path) {
  const std::string text = testing::read_text(path);
  return {text.begin(), text.end()};
}

TEST(AvroPythonInteropTest, DecodesWhatPythonAvroWroteAndWritesTheSameBytes) {
  for (const CatalogEntry& entry : project_catalog().entries()) {
    SCOPED_TRACE(entry.stem);
    ASSERT_TRUE(fs::exists(fixture(entry.stem))) << "regenerate fixtures, see this file's header";
    const std::vector<uint8_t> python_bytes = read_bytes(fixture(entry.stem));
    const JsonAvroCodec codec(entry.schema);
    const nlohmann::json example = testing::load_example(entry.stem);
    EXPECT_EQ(codec.decode(python_bytes), example);
    EXPECT_EQ(codec.encode(example), python_bytes) << "stale fixture? see this file's header";
  }
}

bool python_avro_available() {
  if (!fs::exists(kPython)) return false;
  const std::string command = kPython.string() + " -c 'import avro.io' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

TEST(AvroPythonInteropTest, PythonAvroDecodesRandomRecordsWrittenByThisCodec) {
  if (!python_avro_available()) GTEST_SKIP() << kPython << " with python3-avro is not installed";
  const fs::path script = testing::test_data_dir() / "serde" / "python_avro.py";
  const fs::path input =
      fs::temp_directory_path() / ("sharpline_interop_" + std::to_string(::getpid()) + ".txt");
  for (const CatalogEntry& entry : project_catalog().entries()) {
    SCOPED_TRACE(entry.stem);
    const JsonAvroCodec codec(entry.schema);
    testing::RandomRecords random(/*seed=*/99, /*python_safe=*/true);
    std::vector<nlohmann::json> expected;
    {
      std::ofstream out(input);
      for (int i = 0; i < 40; ++i) {
        testing::GeneratedRecord record = random.record(entry.schema.root());
        out << base64_encode(codec.encode(record.input)) << "\n";
        expected.push_back(std::move(record.expected));
      }
    }
    const std::string command = kPython.string() + " " + script.string() + " decode-lines " +
                                entry.path.string() + " < " + input.string();
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get()))
      output.append(buffer, n);
    ASSERT_EQ(pclose(pipe.release()), 0) << command;

    std::istringstream lines(output);
    std::string line;
    std::size_t i = 0;
    for (; std::getline(lines, line); ++i) {
      ASSERT_LT(i, expected.size());
      EXPECT_EQ(nlohmann::json::parse(line), expected[i]) << "record " << i;
    }
    EXPECT_EQ(i, expected.size());
  }
  fs::remove(input);
}

}  // namespace
}  // namespace sharpline::serde
