//===- NpyTest.cpp - Tests of the .npy reader and writer ------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Support/Npy.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>
#include <string>

using namespace llvm;
using namespace mlir::tconv::npy;

namespace {

/// Gives each test a fresh directory under the system temp dir and removes
/// it afterwards.
class NpyTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(sys::fs::createUniqueDirectory("tconv-npy-test", dir));
  }
  void TearDown() override { sys::fs::remove_directories(dir); }

  std::string pathOf(StringRef name) const {
    SmallString<128> path(dir);
    sys::path::append(path, name);
    return std::string(path);
  }

  /// Writes `contents` verbatim to `name` and returns its path.
  std::string writeRaw(StringRef name, StringRef contents) const {
    std::string path = pathOf(name);
    std::error_code ec;
    raw_fd_ostream os(path, ec);
    EXPECT_FALSE(ec) << ec.message();
    os << contents;
    return path;
  }

  /// Returns the names of the entries of `directory`, sorted.
  static std::vector<std::string> listDir(StringRef directory) {
    std::vector<std::string> names;
    std::error_code ec;
    for (sys::fs::directory_iterator it(directory, ec), end; it != end && !ec;
         it.increment(ec))
      names.push_back(sys::path::filename(it->path()).str());
    std::sort(names.begin(), names.end());
    return names;
  }

  SmallString<128> dir;
};

/// Builds a .npy file: preamble of `major`.`minor`, then `dict` padded to a
/// multiple of 64 bytes, then `data`.
std::string makeNpy(unsigned major, unsigned minor, StringRef dict,
                    StringRef data) {
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t preamble = 8 + lengthSize;
  std::string header = dict.str();
  size_t total = preamble + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string result = "\x93NUMPY";
  result += static_cast<char>(major);
  result += static_cast<char>(minor);
  char length[4];
  support::endian::write32le(length, header.size());
  result.append(length, lengthSize);
  return result + header + data.str();
}

/// The little-endian bytes of `values`.
std::string f32Bytes(ArrayRef<float> values) {
  std::string bytes(values.size() * 4, '\0');
  for (size_t i = 0; i < values.size(); ++i)
    support::endian::write32le(&bytes[4 * i], bit_cast<uint32_t>(values[i]));
  return bytes;
}

/// Returns the message of `error`, consuming it.
std::string messageOf(Error error) { return toString(std::move(error)); }

/// Expects reading `path` to fail with a message that starts with the path
/// and contains `phrase`.
void expectReadError(const std::string &path, StringRef phrase) {
  Expected<Array> array = readNpy(path);
  ASSERT_FALSE(static_cast<bool>(array))
      << "expected an error: " << phrase.str();
  std::string message = messageOf(array.takeError());
  EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << message;
  EXPECT_NE(message.find(phrase.str()), std::string::npos) << message;
}

//===----------------------------------------------------------------------===//
// Round trips
//===----------------------------------------------------------------------===//

TEST_F(NpyTest, RoundTripF32) {
  Array array = makeFloat32Array({2, 3}, {1, -2, 3.5f, 0, 1e-30f, 6});
  std::string path = pathOf("a.npy");
  ASSERT_FALSE(errorToBool(writeNpy(path, array)));

  Expected<Array> read = readNpy(path);
  ASSERT_TRUE(static_cast<bool>(read)) << messageOf(read.takeError());
  EXPECT_EQ(read->shape, array.shape);
  EXPECT_EQ(read->dtype, DType::F32);
  EXPECT_EQ(read->bytes, array.bytes);
  EXPECT_EQ(toFloat32(*read), (std::vector<float>{1, -2, 3.5f, 0, 1e-30f, 6}));

  // The layout NumPy itself produces: version 1.0, the data 64-aligned.
  auto buffer = MemoryBuffer::getFile(path);
  ASSERT_TRUE(static_cast<bool>(buffer));
  StringRef contents = (*buffer)->getBuffer();
  EXPECT_EQ(contents.size(), 128u + 24u);
  EXPECT_EQ(contents.substr(0, 8).str(), std::string("\x93NUMPY\x01\x00", 8));
  EXPECT_EQ(contents.substr(10, 128 - 10).rtrim(" \n").str(),
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
  EXPECT_EQ(contents[127], '\n');
  // No temporary is left behind.
  EXPECT_EQ(listDir(dir), std::vector<std::string>{"a.npy"});
}

TEST_F(NpyTest, RoundTripF16AndF64) {
  Array half;
  half.shape = {3};
  half.dtype = DType::F16;
  for (uint16_t bits : {0x3c00, 0xc000, 0x7bff}) { // 1, -2, 65504
    half.bytes.push_back(uint8_t(bits));
    half.bytes.push_back(uint8_t(bits >> 8));
  }
  std::string halfPath = pathOf("h.npy");
  ASSERT_FALSE(errorToBool(writeNpy(halfPath, half)));
  Expected<Array> readHalf = readNpy(halfPath);
  ASSERT_TRUE(static_cast<bool>(readHalf)) << messageOf(readHalf.takeError());
  EXPECT_EQ(readHalf->dtype, DType::F16);
  EXPECT_EQ(readHalf->shape, half.shape);
  EXPECT_EQ(readHalf->bytes, half.bytes);
  EXPECT_EQ(toFloat32(*readHalf), (std::vector<float>{1, -2, 65504}));

  Array dbl;
  dbl.shape = {1, 2};
  dbl.dtype = DType::F64;
  for (double value : {0.1, -1e300}) {
    uint64_t bits = bit_cast<uint64_t>(value);
    for (int i = 0; i < 8; ++i)
      dbl.bytes.push_back(uint8_t(bits >> (8 * i)));
  }
  std::string dblPath = pathOf("d.npy");
  ASSERT_FALSE(errorToBool(writeNpy(dblPath, dbl)));
  Expected<Array> readDbl = readNpy(dblPath);
  ASSERT_TRUE(static_cast<bool>(readDbl)) << messageOf(readDbl.takeError());
  EXPECT_EQ(readDbl->dtype, DType::F64);
  EXPECT_EQ(readDbl->shape, dbl.shape);
  EXPECT_EQ(readDbl->bytes, dbl.bytes);
  std::vector<float> floats = toFloat32(*readDbl);
  ASSERT_EQ(floats.size(), 2u);
  EXPECT_EQ(floats[0], 0.1f);
  EXPECT_EQ(floats[1], -std::numeric_limits<float>::infinity());
}

TEST_F(NpyTest, RoundTripIntegers) {
  // NumPy writes single bytes with '|' and int32 little-endian.
  struct Case {
    DType dtype;
    const char *descr;
    std::vector<int32_t> values;
  };
  for (const Case &c : {Case{DType::I8, "|i1", {-128, -1, 0, 127}},
                        Case{DType::U8, "|u1", {0, 1, 128, 255}},
                        Case{DType::I32,
                             "<i4",
                             {std::numeric_limits<int32_t>::min(), -1, 7,
                              std::numeric_limits<int32_t>::max()}}}) {
    Array array = makeIntegerArray({2, 2}, c.dtype, c.values);
    EXPECT_EQ(array.bytes.size(), 4 * getElementSize(c.dtype));
    std::string path = pathOf(std::string(getName(c.dtype)) + ".npy");
    ASSERT_FALSE(errorToBool(writeNpy(path, array)));
    Expected<Array> read = readNpy(path);
    ASSERT_TRUE(static_cast<bool>(read)) << messageOf(read.takeError());
    EXPECT_EQ(read->dtype, c.dtype);
    EXPECT_EQ(getDescr(read->dtype), c.descr);
    EXPECT_EQ(read->shape, (SmallVector<int64_t>{2, 2}));
    EXPECT_EQ(toInt32(*read), c.values);
    std::vector<float> floats = toFloat32(*read);
    EXPECT_EQ(floats[2], float(c.values[2]));
  }
  // The bytes are the values' two's complement, little-endian.
  EXPECT_EQ(makeIntegerArray({2}, DType::I8, {-1, 5}).bytes,
            (mlir::tconv::AlignedVector<uint8_t>{0xff, 0x05}));
  EXPECT_EQ(makeIntegerArray({1}, DType::I32, {-2}).bytes,
            (mlir::tconv::AlignedVector<uint8_t>{0xfe, 0xff, 0xff, 0xff}));
}

TEST_F(NpyTest, ReadsIntegerByteOrders) {
  auto npyWithDescr = [](StringRef descr, StringRef data) {
    return makeNpy(
        1, 0,
        ("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (2,), }")
            .str(),
        data);
  };
  // A single byte has no order: '<' and '|' both read.
  for (StringRef descr : {"|u1", "<u1"}) {
    Expected<Array> read = readNpy(
        writeRaw("u.npy", npyWithDescr(descr, StringRef("\x01\xff", 2))));
    ASSERT_TRUE(static_cast<bool>(read)) << messageOf(read.takeError());
    EXPECT_EQ(toInt32(*read), (std::vector<int32_t>{1, 255}));
  }
  expectReadError(writeRaw("a.npy", npyWithDescr(">i4", std::string(8, '\0'))),
                  "big-endian");
  expectReadError(writeRaw("b.npy", npyWithDescr("|i4", std::string(8, '\0'))),
                  "unsupported dtype '|i4'");
  expectReadError(writeRaw("c.npy", npyWithDescr("<u4", std::string(8, '\0'))),
                  "unsupported dtype '<u4' (expected '<f2', '<f4', '<f8', "
                  "'|i1', '|u1' or '<i4')");
}

TEST_F(NpyTest, RoundTripScalarAndEmpty) {
  std::string scalarPath = pathOf("s.npy");
  ASSERT_FALSE(errorToBool(writeNpy(scalarPath, makeFloat32Array({}, {42}))));
  Expected<Array> scalar = readNpy(scalarPath);
  ASSERT_TRUE(static_cast<bool>(scalar)) << messageOf(scalar.takeError());
  EXPECT_TRUE(scalar->shape.empty());
  EXPECT_EQ(scalar->getNumElements(), 1);
  EXPECT_EQ(toFloat32(*scalar), std::vector<float>{42});

  for (SmallVector<int64_t> shape :
       {SmallVector<int64_t>{0}, SmallVector<int64_t>{2, 0, 3}}) {
    std::string path = pathOf("e.npy");
    ASSERT_FALSE(errorToBool(writeNpy(path, makeFloat32Array(shape, {}))));
    Expected<Array> empty = readNpy(path);
    ASSERT_TRUE(static_cast<bool>(empty)) << messageOf(empty.takeError());
    EXPECT_EQ(empty->shape, shape);
    EXPECT_EQ(empty->getNumElements(), 0);
    EXPECT_TRUE(empty->bytes.empty());
  }
}

TEST_F(NpyTest, OverwritesExistingFile) {
  std::string path = writeRaw("a.npy", "old contents");
  ASSERT_FALSE(errorToBool(writeNpy(path, makeFloat32Array({1}, {7}))));
  Expected<Array> read = readNpy(path);
  ASSERT_TRUE(static_cast<bool>(read)) << messageOf(read.takeError());
  EXPECT_EQ(toFloat32(*read), std::vector<float>{7});
  EXPECT_EQ(listDir(dir), std::vector<std::string>{"a.npy"});
}

//===----------------------------------------------------------------------===//
// Header parsing
//===----------------------------------------------------------------------===//

TEST_F(NpyTest, ParsesAllVersions) {
  std::string data = f32Bytes({1, 2, 3, 4, 5, 6});
  for (unsigned major : {1u, 2u, 3u}) {
    std::string path =
        writeRaw("v.npy", makeNpy(major, 0,
                                  "{'descr': '<f4', 'fortran_order': False, "
                                  "'shape': (2, 3), }",
                                  data));
    Expected<Array> array = readNpy(path);
    ASSERT_TRUE(static_cast<bool>(array)) << messageOf(array.takeError());
    EXPECT_EQ(array->shape, (SmallVector<int64_t>{2, 3}));
    EXPECT_EQ(toFloat32(*array), (std::vector<float>{1, 2, 3, 4, 5, 6}));
  }
}

TEST_F(NpyTest, ParsesHeaderVariants) {
  struct Case {
    const char *dict;
    SmallVector<int64_t> shape;
  };
  Case cases[] = {
      // Any key order, no trailing comma, double quotes.
      {"{\"shape\": (3,), \"descr\": \"<f4\", \"fortran_order\": False}", {3}},
      // Odd whitespace and trailing commas inside the tuple and the dict.
      {"{ 'fortran_order' : False ,'shape':( 1 ,3 , ) ,'descr':'<f4',}",
       {1, 3}},
      // Native byte order and Python 2 long integers.
      {"{'descr': '=f4', 'fortran_order': False, 'shape': (3L,)}", {3}},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': ()}", {}},
  };
  for (const Case &c : cases) {
    size_t count = 1;
    for (int64_t dim : c.shape)
      count *= dim;
    std::string path = writeRaw(
        "h.npy", makeNpy(1, 0, c.dict, f32Bytes(std::vector<float>(count, 1))));
    Expected<Array> array = readNpy(path);
    ASSERT_TRUE(static_cast<bool>(array))
        << c.dict << ": " << messageOf(array.takeError());
    EXPECT_EQ(array->shape, c.shape) << c.dict;
  }

  // Whatever the padding: without any, and with tabs and '\r'.
  std::string dict = "{'descr': '<f2', 'fortran_order': False, 'shape': (1,)}";
  for (std::string header : {dict, dict + "\t\r\n \n"}) {
    std::string bytes = "\x93NUMPY\x01";
    bytes += '\0';
    bytes += static_cast<char>(header.size());
    bytes += '\0';
    bytes += header + std::string("\x00\x3c", 2);
    Expected<Array> array = readNpy(writeRaw("p.npy", bytes));
    ASSERT_TRUE(static_cast<bool>(array)) << messageOf(array.takeError());
    EXPECT_EQ(toFloat32(*array), std::vector<float>{1});
  }
}

//===----------------------------------------------------------------------===//
// Rejections
//===----------------------------------------------------------------------===//

TEST_F(NpyTest, RejectsMissingFile) {
  expectReadError(pathOf("missing.npy"), "No such file or directory");
}

TEST_F(NpyTest, RejectsBadMagic) {
  expectReadError(writeRaw("a.npy", "PK\x03\x04 not numpy at all"),
                  "not a .npy file (bad magic)");
  expectReadError(writeRaw("b.npy", ""), "not a .npy file (bad magic)");
}

TEST_F(NpyTest, RejectsUnsupportedVersion) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': ()}";
  expectReadError(writeRaw("a.npy", makeNpy(4, 0, dict, f32Bytes({1}))),
                  "unsupported .npy format version 4.0");
  expectReadError(writeRaw("b.npy", makeNpy(1, 1, dict, f32Bytes({1}))),
                  "unsupported .npy format version 1.1");
}

TEST_F(NpyTest, RejectsTruncatedHeader) {
  std::string full = makeNpy(
      1, 0, "{'descr': '<f4', 'fortran_order': False, 'shape': ()}", "");
  expectReadError(writeRaw("a.npy", full.substr(0, 7)), "truncated header");
  expectReadError(writeRaw("b.npy", full.substr(0, 9)), "truncated header");
  expectReadError(writeRaw("c.npy", full.substr(0, 40)), "truncated header");
  std::string v2 = makeNpy(
      2, 0, "{'descr': '<f4', 'fortran_order': False, 'shape': ()}", "");
  expectReadError(writeRaw("d.npy", v2.substr(0, 11)), "truncated header");
}

TEST_F(NpyTest, RejectsMalformedHeader) {
  const char *dicts[] = {
      "",
      "not a dict",
      "{'descr': '<f4', 'fortran_order': False}",
      "{'descr': '<f4', 'shape': ()}",
      "{'fortran_order': False, 'shape': ()}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': [3]}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3,,)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (a,)}",
      "{'descr': '<f4', 'fortran_order': 0, 'shape': ()}",
      "{'descr': '<f4' 'fortran_order': False, 'shape': ()}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (), 'x': 1}",
      "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': ()}",
      "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': ()}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': ()} junk",
      "{'descr': '<f4, 'fortran_order': False, 'shape': ()}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (",
      // An integer that does not fit in int64.
      ("{'descr': '<f4', 'fortran_order': False, 'shape': "
       "(99999999999999999999,)}"),
  };
  for (const char *dict : dicts) {
    SCOPED_TRACE(dict);
    expectReadError(writeRaw("a.npy", makeNpy(1, 0, dict, f32Bytes({1}))),
                    "malformed header");
  }
}

TEST_F(NpyTest, RejectsFortranOrder) {
  expectReadError(
      writeRaw("a.npy", makeNpy(1, 0,
                                "{'descr': '<f4', 'fortran_order': True, "
                                "'shape': (2, 2), }",
                                f32Bytes({1, 2, 3, 4}))),
      "fortran_order");
}

TEST_F(NpyTest, RejectsUnsupportedDType) {
  auto npyWithDescr = [](StringRef descr) {
    return makeNpy(
        1, 0,
        ("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }")
            .str(),
        std::string(8, '\0'));
  };
  expectReadError(writeRaw("a.npy", npyWithDescr("<i8")),
                  "unsupported dtype '<i8'");
  expectReadError(writeRaw("b.npy", npyWithDescr("|b1")),
                  "unsupported dtype '|b1'");
  expectReadError(writeRaw("c.npy", npyWithDescr(">f8")), "big-endian");
  expectReadError(writeRaw("d.npy", npyWithDescr("|f4")),
                  "unsupported dtype '|f4'");
  expectReadError(writeRaw("e.npy", npyWithDescr("")), "unsupported dtype");
}

TEST_F(NpyTest, RejectsBadShapes) {
  expectReadError(
      writeRaw("a.npy", makeNpy(1, 0,
                                "{'descr': '<f4', 'fortran_order': False, "
                                "'shape': (2, -1), }",
                                "")),
      "negative dimension -1");
  expectReadError(
      writeRaw("b.npy", makeNpy(1, 0,
                                "{'descr': '<f4', 'fortran_order': False, "
                                "'shape': (4294967296, 4294967296), }",
                                "")),
      "overflows");
  // As in NumPy, the other dimensions of an empty array must not overflow
  // either: tools multiply them in any order (found by tconv-fuzz-npy; such
  // a shape overflowed tconv-run's strides).
  expectReadError(
      writeRaw("z.npy", makeNpy(1, 0,
                                "{'descr': '<f4', 'fortran_order': False, "
                                "'shape': (0, 4294967296, 4294967296), }",
                                "")),
      "shape (0, 4294967296, 4294967296) overflows");
  Expected<Array> empty = readNpy(
      writeRaw("e.npy", makeNpy(1, 0,
                                "{'descr': '<f4', 'fortran_order': False, "
                                "'shape': (1073741824, 0, 1073741824), }",
                                "")));
  ASSERT_TRUE(static_cast<bool>(empty)) << messageOf(empty.takeError());
  EXPECT_EQ(empty->getNumElements(), 0);
  // Overflow only through the element size.
  expectReadError(
      writeRaw("c.npy", makeNpy(1, 0,
                                "{'descr': '<f8', 'fortran_order': False, "
                                "'shape': (2305843009213693952,), }",
                                "")),
      "overflows");
}

TEST_F(NpyTest, RejectsDataSizeMismatch) {
  std::string dict =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  std::string data = f32Bytes({1, 2, 3, 4, 5, 6});
  expectReadError(writeRaw("a.npy", makeNpy(1, 0, dict, data.substr(0, 23))),
                  "truncated data");
  expectReadError(writeRaw("b.npy", makeNpy(1, 0, dict, "")), "truncated data");
  expectReadError(writeRaw("c.npy", makeNpy(1, 0, dict, data + "x")),
                  "trailing bytes");
}

//===----------------------------------------------------------------------===//
// Writing failures
//===----------------------------------------------------------------------===//

TEST_F(NpyTest, WriteIntoMissingDirectoryFails) {
  std::string missingDir = pathOf("no-such-dir");
  SmallString<128> path(missingDir);
  sys::path::append(path, "out.npy");
  Error error = writeNpy(path, makeFloat32Array({1}, {1}));
  ASSERT_TRUE(static_cast<bool>(error));
  std::string message = messageOf(std::move(error));
  EXPECT_EQ(message.rfind(std::string(path) + ": ", 0), 0u) << message;
  EXPECT_FALSE(sys::fs::exists(missingDir));
  EXPECT_TRUE(listDir(dir).empty());
}

TEST_F(NpyTest, FailedRenameRemovesTemporary) {
  // Renaming a file over a (non-empty) directory fails after the temporary
  // has been written; it must be cleaned up.
  std::string target = pathOf("target");
  ASSERT_FALSE(sys::fs::create_directory(target));
  writeRaw("target/keep", "x");
  Error error = writeNpy(target, makeFloat32Array({1}, {1}));
  ASSERT_TRUE(static_cast<bool>(error));
  std::string message = messageOf(std::move(error));
  EXPECT_EQ(message.rfind(target + ": ", 0), 0u) << message;
  EXPECT_EQ(listDir(dir), std::vector<std::string>{"target"});
  EXPECT_EQ(listDir(target), std::vector<std::string>{"keep"});
}

TEST_F(NpyTest, WriteRejectsInconsistentArray) {
  Array array = makeFloat32Array({2}, {1, 2});
  array.shape = {3};
  std::string path = pathOf("a.npy");
  Error error = writeNpy(path, array);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(messageOf(std::move(error)).find("needs 12 bytes"),
            std::string::npos);
  EXPECT_TRUE(listDir(dir).empty());
}

//===----------------------------------------------------------------------===//
// Half and bfloat16 conversions
//===----------------------------------------------------------------------===//

TEST(HalfTest, ToFloat) {
  EXPECT_EQ(bit_cast<uint32_t>(halfToFloat(0x0000)), 0u);
  EXPECT_EQ(bit_cast<uint32_t>(halfToFloat(0x8000)), 0x80000000u);
  EXPECT_EQ(halfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(halfToFloat(0xc000), -2.0f);
  EXPECT_EQ(halfToFloat(0x7bff), 65504.0f);
  EXPECT_EQ(halfToFloat(0x0400), std::ldexp(1.0f, -14)); // Smallest normal.
  EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24)); // Smallest subnormal.
  EXPECT_EQ(halfToFloat(0x03ff), std::ldexp(1023.0f, -24));
  EXPECT_EQ(halfToFloat(0x8200), -std::ldexp(1.0f, -15));
  EXPECT_EQ(halfToFloat(0x7c00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(halfToFloat(0xfc00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(halfToFloat(0x7e00)));
  EXPECT_TRUE(std::isnan(halfToFloat(0x7c01))); // Signalling NaN.
  EXPECT_TRUE(std::signbit(halfToFloat(0xfe00)));
}

TEST(HalfTest, FromFloat) {
  EXPECT_EQ(floatToHalf(0.0f), 0x0000);
  EXPECT_EQ(floatToHalf(-0.0f), 0x8000);
  EXPECT_EQ(floatToHalf(1.0f), 0x3c00);
  EXPECT_EQ(floatToHalf(65504.0f), 0x7bff);
  EXPECT_EQ(floatToHalf(65519.99f), 0x7bff);
  EXPECT_EQ(floatToHalf(65520.0f), 0x7c00); // Tie rounds to even: infinity.
  EXPECT_EQ(floatToHalf(1e10f), 0x7c00);
  EXPECT_EQ(floatToHalf(-std::numeric_limits<float>::infinity()), 0xfc00);
  uint16_t nan = floatToHalf(std::numeric_limits<float>::quiet_NaN());
  EXPECT_EQ(nan & 0x7c00, 0x7c00);
  EXPECT_NE(nan & 0x03ff, 0);
  // A signalling NaN whose payload lies only in the low bits stays a NaN.
  uint16_t snan = floatToHalf(bit_cast<float>(0xff800001u));
  EXPECT_EQ(snan & 0xfc00, 0xfc00);
  EXPECT_NE(snan & 0x03ff, 0);

  // Ties to even among normals: 1 + 2^-11 lies between 0x3c00 and 0x3c01.
  EXPECT_EQ(floatToHalf(1.0f + std::ldexp(1.0f, -11)), 0x3c00);
  EXPECT_EQ(floatToHalf(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3c02);
  EXPECT_EQ(floatToHalf(1.0f + std::ldexp(1.0f, -11) + std::ldexp(1.0f, -20)),
            0x3c01);
  // Subnormals and their ties.
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -24)), 0x0001);
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -25)), 0x0000);
  EXPECT_EQ(floatToHalf(-std::ldexp(1.0f, -25)), 0x8000);
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -25) * 1.0001f), 0x0001);
  EXPECT_EQ(floatToHalf(std::ldexp(3.0f, -25)), 0x0002);
  EXPECT_EQ(floatToHalf(std::ldexp(5.0f, -25)), 0x0002);
  EXPECT_EQ(floatToHalf(std::ldexp(1023.5f, -24)), 0x0400); // Into normals.
  EXPECT_EQ(floatToHalf(std::numeric_limits<float>::denorm_min()), 0x0000);
  EXPECT_EQ(floatToHalf(1e-10f), 0x0000);
}

TEST(HalfTest, ExhaustiveRoundTrip) {
  for (uint32_t bits = 0; bits <= 0xffff; ++bits) {
    float value = halfToFloat(bits);
    if (std::isnan(value)) {
      EXPECT_TRUE(std::isnan(halfToFloat(floatToHalf(value)))) << bits;
      continue;
    }
    ASSERT_EQ(floatToHalf(value), bits) << bits;
  }
}

TEST(Bf16Test, Conversions) {
  EXPECT_EQ(bf16ToFloat(0x3f80), 1.0f);
  EXPECT_EQ(bf16ToFloat(0xc000), -2.0f);
  EXPECT_EQ(bf16ToFloat(0x0001), bit_cast<float>(0x00010000u)); // Subnormal.
  EXPECT_EQ(bf16ToFloat(0x7f80), std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(bf16ToFloat(0x7fc0)));

  EXPECT_EQ(floatToBf16(0.0f), 0x0000);
  EXPECT_EQ(floatToBf16(-0.0f), 0x8000);
  EXPECT_EQ(floatToBf16(1.0f), 0x3f80);
  EXPECT_EQ(floatToBf16(std::numeric_limits<float>::infinity()), 0x7f80);
  EXPECT_EQ(floatToBf16(-std::numeric_limits<float>::infinity()), 0xff80);
  // Ties to even, and just above a tie.
  EXPECT_EQ(floatToBf16(bit_cast<float>(0x3f808000u)), 0x3f80);
  EXPECT_EQ(floatToBf16(bit_cast<float>(0x3f818000u)), 0x3f82);
  EXPECT_EQ(floatToBf16(bit_cast<float>(0x3f808001u)), 0x3f81);
  EXPECT_EQ(floatToBf16(bit_cast<float>(0x3f807fffu)), 0x3f80);
  // Rounding up out of the largest finite value gives infinity.
  EXPECT_EQ(floatToBf16(std::numeric_limits<float>::max()), 0x7f80);
  // Subnormals round like everything else.
  EXPECT_EQ(floatToBf16(bit_cast<float>(0x00018000u)), 0x0002);
  // NaNs stay NaNs, even when the payload is only in the dropped bits.
  for (uint32_t nanBits :
       {0x7fc00000u, 0x7f800001u, 0xff800001u, 0x7fffffffu}) {
    uint16_t result = floatToBf16(bit_cast<float>(nanBits));
    EXPECT_TRUE(std::isnan(bf16ToFloat(result))) << nanBits;
    EXPECT_EQ(result & 0x8000, (nanBits >> 16) & 0x8000) << nanBits;
  }
}

TEST(Bf16Test, ExhaustiveRoundTrip) {
  for (uint32_t bits = 0; bits <= 0xffff; ++bits) {
    float value = bf16ToFloat(bits);
    if (std::isnan(value)) {
      EXPECT_TRUE(std::isnan(bf16ToFloat(floatToBf16(value)))) << bits;
      continue;
    }
    ASSERT_EQ(floatToBf16(value), bits) << bits;
  }
}

} // namespace
