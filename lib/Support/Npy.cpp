//===- Npy.cpp - NumPy .npy files -----------------------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The .npy format (numpy/lib/format.py): the magic "\x93NUMPY", a major and a
// minor version byte, the header length (uint16 LE for 1.0, uint32 LE for
// 2.0 and 3.0), then the header, an ASCII (3.0: UTF-8) Python dict literal
// padded with spaces and terminated by '\n', then the raw data.
//
//===----------------------------------------------------------------------===//

#include "tconv/Support/Npy.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

using namespace llvm;

namespace mlir::tconv::npy {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

/// Returns an error for `path` with the message "<path>: <msg>".
Error makeError(
    StringRef path, const Twine &msg,
    std::error_code ec = std::make_error_code(std::errc::invalid_argument)) {
  return createStringError(ec, path + ": " + msg);
}

std::string formatShape(ArrayRef<int64_t> shape) {
  std::string result = "(";
  for (int64_t dim : shape)
    result += std::to_string(dim) + ", ";
  // Python spelling: "(3,)" for one dimension, "(2, 3)" for more.
  if (shape.size() > 1)
    result.resize(result.size() - 2);
  else if (shape.size() == 1)
    result.pop_back();
  return result + ")";
}

/// The product of `shape` times `elementSize`, or std::nullopt if the product
/// of its nonzero dimensions times `elementSize` does not fit in int64_t.
/// That is NumPy's rule, under which every product of dimensions fits,
/// whatever the order: the tools compute sizes from the front and strides
/// from the back of shapes with a zero anywhere.
std::optional<int64_t> getByteSize(ArrayRef<int64_t> shape,
                                   size_t elementSize) {
  int64_t size = static_cast<int64_t>(elementSize);
  for (int64_t dim : shape)
    if (dim != 0 && MulOverflow(size, dim, size))
      return std::nullopt;
  return llvm::is_contained(shape, 0) ? 0 : size;
}

//===----------------------------------------------------------------------===//
// Header parsing
//===----------------------------------------------------------------------===//

/// A value of the header dict. The header is a Python literal, but the only
/// values .npy headers contain are strings, booleans and tuples of ints.
struct Value {
  enum Kind { String, Bool, Tuple } kind;
  std::string str;
  bool boolean = false;
  SmallVector<int64_t> ints;
};

/// A recursive-descent parser for the header dict. It accepts any key order,
/// both quote styles, arbitrary whitespace and trailing commas, as Python's
/// literal_eval (which NumPy uses) would.
class HeaderParser {
public:
  explicit HeaderParser(StringRef text) : text(text) {}

  /// Parses the whole header into descr, fortran_order and shape. Returns a
  /// description of the problem on failure.
  std::optional<std::string> parse(std::string &descr, bool &fortranOrder,
                                   SmallVectorImpl<int64_t> &shape) {
    bool haveDescr = false, haveOrder = false, haveShape = false;
    skipSpace();
    if (!consume('{'))
      return expected("'{'");
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      size_t keyPos = pos;
      std::optional<std::string> key = parseString();
      if (!key)
        return expected("a quoted key or '}'");
      if (*key != "descr" && *key != "fortran_order" && *key != "shape") {
        pos = keyPos;
        return at("unexpected key '" + *key + "'");
      }
      skipSpace();
      if (!consume(':'))
        return expected("':'");
      skipSpace();
      size_t valuePos = pos;
      // Structured dtypes have a list as descr, which parseValue would only
      // call a syntax error.
      if (*key == "descr" && peek() != '\'' && peek() != '"')
        return at("'descr' must be a string (structured dtypes are not "
                  "supported)");
      Value value;
      if (std::optional<std::string> err = parseValue(value))
        return err;

      if (*key == "descr") {
        if (haveDescr)
          return "duplicate key 'descr'";
        descr = value.str;
        haveDescr = true;
      } else if (*key == "fortran_order") {
        if (haveOrder)
          return "duplicate key 'fortran_order'";
        if (value.kind != Value::Bool) {
          pos = valuePos;
          return at("'fortran_order' must be True or False");
        }
        fortranOrder = value.boolean;
        haveOrder = true;
      } else {
        if (haveShape)
          return "duplicate key 'shape'";
        if (value.kind != Value::Tuple) {
          pos = valuePos;
          return at("'shape' must be a tuple of integers");
        }
        shape.assign(value.ints.begin(), value.ints.end());
        haveShape = true;
      }

      skipSpace();
      if (consume('}'))
        break;
      if (!consume(','))
        return expected("',' or '}'");
    }
    // NumPy pads with spaces and ends with '\n'; be lenient about the exact
    // kind of whitespace but not about anything else.
    skipSpace();
    if (pos != text.size())
      return at("unexpected characters after the dict");
    if (!haveDescr)
      return std::string("missing key 'descr'");
    if (!haveOrder)
      return std::string("missing key 'fortran_order'");
    if (!haveShape)
      return std::string("missing key 'shape'");
    return std::nullopt;
  }

private:
  bool atEnd() const { return pos >= text.size(); }
  char peek() const { return atEnd() ? '\0' : text[pos]; }

  bool consume(char c) {
    if (peek() != c)
      return false;
    ++pos;
    return true;
  }

  bool consume(StringRef word) {
    if (!text.substr(pos).starts_with(word))
      return false;
    pos += word.size();
    return true;
  }

  void skipSpace() {
    while (!atEnd() && isSpace(text[pos]))
      ++pos;
  }

  std::string at(const Twine &msg) const {
    return (msg + " at header offset " + Twine(pos)).str();
  }

  std::string expected(StringRef what) const {
    if (atEnd())
      return ("expected " + what + " but the header ended").str();
    return at("expected " + what);
  }

  std::optional<std::string> parseString() {
    char quote = peek();
    if (quote != '\'' && quote != '"')
      return std::nullopt;
    size_t end = text.find(quote, pos + 1);
    if (end == StringRef::npos)
      return std::nullopt;
    StringRef contents = text.slice(pos + 1, end);
    // Escapes never occur in valid headers; refuse rather than misread them.
    if (contents.contains('\\') || contents.contains('\n'))
      return std::nullopt;
    pos = end + 1;
    return contents.str();
  }

  std::optional<std::string> parseValue(Value &value) {
    if (peek() == '\'' || peek() == '"') {
      std::optional<std::string> str = parseString();
      if (!str)
        return at("unterminated or invalid string");
      value.kind = Value::String;
      value.str = std::move(*str);
      return std::nullopt;
    }
    if (consume("True")) {
      value.kind = Value::Bool;
      value.boolean = true;
      return std::nullopt;
    }
    if (consume("False")) {
      value.kind = Value::Bool;
      value.boolean = false;
      return std::nullopt;
    }
    if (consume('('))
      return parseTupleRest(value);
    return expected("a string, True, False or a tuple");
  }

  /// Parses the rest of a tuple after '('. As in Python, "(3)" is not a
  /// tuple: one element needs a trailing comma.
  std::optional<std::string> parseTupleRest(Value &value) {
    value.kind = Value::Tuple;
    bool sawComma = false;
    while (true) {
      skipSpace();
      if (consume(')'))
        break;
      int64_t dim;
      if (std::optional<std::string> err = parseInt(dim))
        return err;
      value.ints.push_back(dim);
      skipSpace();
      if (consume(')'))
        break;
      if (!consume(','))
        return expected("',' or ')' in tuple");
      sawComma = true;
    }
    if (value.ints.size() == 1 && !sawComma)
      return at("'(N)' is not a tuple; a 1-d shape is written '(N,)'");
    return std::nullopt;
  }

  std::optional<std::string> parseInt(int64_t &result) {
    size_t start = pos;
    bool negative = consume('-');
    if (!isDigit(peek())) {
      pos = start;
      return expected("an integer");
    }
    // Accumulate negatively so that INT64_MIN parses without overflow.
    int64_t value = 0;
    while (isDigit(peek())) {
      int64_t digit = text[pos++] - '0';
      if (MulOverflow<int64_t>(value, 10, value) ||
          AddOverflow<int64_t>(value, -digit, value)) {
        pos = start;
        return at("integer overflows int64");
      }
    }
    if (!negative) {
      if (value == std::numeric_limits<int64_t>::min()) {
        pos = start;
        return at("integer overflows int64");
      }
      value = -value;
    }
    // Python 2 era NumPy wrote long integers as "3L".
    if (peek() == 'L' || peek() == 'l')
      ++pos;
    result = value;
    return std::nullopt;
  }

  StringRef text;
  size_t pos = 0;
};

/// Maps a descr string to a DType or returns why it is not supported.
Expected<DType> parseDescr(StringRef path, StringRef descr) {
  static constexpr const char *kExpected =
      "' (expected '<f2', '<f4', '<f8', '|i1', '|u1' or '<i4')";
  if (descr.size() < 2)
    return makeError(path, "unsupported dtype '" + descr + "'");
  char order = descr.front();
  StringRef type = descr.drop_front();
  std::optional<DType> dtype;
  if (type == "f2")
    dtype = DType::F16;
  else if (type == "f4")
    dtype = DType::F32;
  else if (type == "f8")
    dtype = DType::F64;
  else if (type == "i1")
    dtype = DType::I8;
  else if (type == "u1")
    dtype = DType::U8;
  else if (type == "i4")
    dtype = DType::I32;
  if (!dtype)
    return makeError(path, "unsupported dtype '" + descr + kExpected);
  // Single bytes have no byte order: NumPy writes '|'.
  if (getElementSize(*dtype) == 1 && order == '|')
    return *dtype;
  if (order == '>')
    return makeError(path, "unsupported dtype '" + descr +
                               "': big-endian data is not supported");
  // '=' is native order, which is only what we read on a little-endian host.
  bool nativeIsLittle = endianness::native == endianness::little;
  if (order != '<' && !(order == '=' && nativeIsLittle))
    return makeError(path, "unsupported dtype '" + descr + kExpected);
  return *dtype;
}

} // namespace

//===----------------------------------------------------------------------===//
// DType and Array
//===----------------------------------------------------------------------===//

size_t getElementSize(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return 2;
  case DType::F32:
    return 4;
  case DType::F64:
    return 8;
  case DType::I8:
  case DType::U8:
    return 1;
  case DType::I32:
    return 4;
  }
  llvm_unreachable("unknown DType");
}

StringRef getName(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "float16";
  case DType::F32:
    return "float32";
  case DType::F64:
    return "float64";
  case DType::I8:
    return "int8";
  case DType::U8:
    return "uint8";
  case DType::I32:
    return "int32";
  }
  llvm_unreachable("unknown DType");
}

bool isInteger(DType dtype) {
  return dtype == DType::I8 || dtype == DType::U8 || dtype == DType::I32;
}

StringRef getDescr(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "<f2";
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::I8:
    return "|i1";
  case DType::U8:
    return "|u1";
  case DType::I32:
    return "<i4";
  }
  llvm_unreachable("unknown DType");
}

int64_t Array::getNumElements() const {
  if (llvm::is_contained(shape, 0))
    return 0;
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

Expected<Array> readNpy(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> bufferOrErr =
      MemoryBuffer::getFile(path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (std::error_code ec = bufferOrErr.getError())
    return makeError(path, "cannot open file: " + ec.message(), ec);
  return parseNpy((*bufferOrErr)->getBuffer(), path);
}

Expected<Array> parseNpy(StringRef contents, StringRef path) {
  if (!contents.starts_with(StringRef(kMagic, kMagicSize)))
    return makeError(path, "not a .npy file (bad magic)");
  if (contents.size() < kMagicSize + 2)
    return makeError(path, "truncated header (file ends in the preamble)");

  unsigned major = static_cast<uint8_t>(contents[kMagicSize]);
  unsigned minor = static_cast<uint8_t>(contents[kMagicSize + 1]);
  if (!((major == 1 || major == 2 || major == 3) && minor == 0))
    return makeError(path, "unsupported .npy format version " + Twine(major) +
                               "." + Twine(minor) +
                               " (supported: 1.0, 2.0, 3.0)");

  // 1.0 has a 2-byte header length; 2.0 and 3.0 widened it to 4 bytes (3.0
  // also allows UTF-8 in the header, which changes nothing for us).
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t preambleSize = kMagicSize + 2 + lengthSize;
  if (contents.size() < preambleSize)
    return makeError(path, "truncated header (file ends in the preamble)");
  const char *lengthPtr = contents.data() + kMagicSize + 2;
  uint64_t headerSize = major == 1 ? support::endian::read16le(lengthPtr)
                                   : support::endian::read32le(lengthPtr);
  if (headerSize > contents.size() - preambleSize)
    return makeError(path, "truncated header: header length is " +
                               Twine(headerSize) + " bytes but only " +
                               Twine(contents.size() - preambleSize) +
                               " follow the preamble");
  StringRef header = contents.substr(preambleSize, headerSize);
  size_t dataOffset = preambleSize + headerSize;

  std::string descr;
  bool fortranOrder = false;
  Array array;
  if (std::optional<std::string> err =
          HeaderParser(header).parse(descr, fortranOrder, array.shape))
    return makeError(path, "malformed header: " + *err);

  Expected<DType> dtype = parseDescr(path, descr);
  if (!dtype)
    return dtype.takeError();
  array.dtype = *dtype;

  // Reordering Fortran data is easy, but nothing we produce or consume uses
  // it, so a Fortran-ordered file most likely means a mistake upstream.
  if (fortranOrder)
    return makeError(path, "fortran_order arrays are not supported (save a "
                           "C-contiguous array, e.g. np.ascontiguousarray)");

  for (int64_t dim : array.shape)
    if (dim < 0)
      return makeError(path, "negative dimension " + Twine(dim) + " in shape " +
                                 formatShape(array.shape));
  std::optional<int64_t> dataSize =
      getByteSize(array.shape, getElementSize(array.dtype));
  if (!dataSize ||
      static_cast<uint64_t>(*dataSize) > std::numeric_limits<size_t>::max())
    return makeError(path, "shape " + formatShape(array.shape) +
                               " overflows: the byte size of its nonzero "
                               "dimensions does not fit in 64 bits");

  uint64_t available = contents.size() - dataOffset;
  uint64_t needed = static_cast<uint64_t>(*dataSize);
  if (available < needed)
    return makeError(path, "truncated data: shape " + formatShape(array.shape) +
                               " of " + descr + " needs " + Twine(needed) +
                               " bytes but only " + Twine(available) +
                               " are present");
  if (available > needed)
    return makeError(path, "trailing bytes: " + Twine(available - needed) +
                               " bytes after the " + Twine(needed) +
                               " bytes of data");

  StringRef data = contents.substr(dataOffset);
  array.bytes.assign(data.bytes_begin(), data.bytes_end());
  return array;
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

Error writeNpy(StringRef path, const Array &array) {
  for (int64_t dim : array.shape)
    if (dim < 0)
      return makeError(path, "cannot write array with negative dimension " +
                                 Twine(dim) + " in shape " +
                                 formatShape(array.shape));
  std::optional<int64_t> dataSize =
      getByteSize(array.shape, getElementSize(array.dtype));
  if (!dataSize)
    return makeError(path, "cannot write array: shape " +
                               formatShape(array.shape) + " overflows");
  if (static_cast<uint64_t>(*dataSize) != array.bytes.size())
    return makeError(
        path, "cannot write array: shape " + formatShape(array.shape) + " of " +
                  getDescr(array.dtype) + " needs " + Twine(*dataSize) +
                  " bytes but the array has " + Twine(array.bytes.size()));

  // The dict exactly as NumPy spells it, so that files compare equal.
  std::string dict =
      ("{'descr': '" + getDescr(array.dtype) +
       "', 'fortran_order': False, 'shape': " + formatShape(array.shape) +
       ", }")
          .str();
  // Pad with spaces and a final '\n' so that the data starts at a multiple
  // of 64 bytes, which lets readers map the data aligned for any type.
  unsigned major = 1;
  size_t preambleSize = kMagicSize + 2 + 2;
  size_t headerSize =
      alignTo(preambleSize + dict.size() + 1, 64) - preambleSize;
  if (headerSize > std::numeric_limits<uint16_t>::max()) {
    // Only thousands of dimensions get here; NumPy also falls back to 2.0.
    major = 2;
    preambleSize = kMagicSize + 2 + 4;
    headerSize = alignTo(preambleSize + dict.size() + 1, 64) - preambleSize;
  }
  std::string header = dict;
  header.resize(headerSize - 1, ' ');
  header += '\n';

  SmallString<128> tempPath;
  int fd;
  if (std::error_code ec =
          sys::fs::createUniqueFile(path + ".tmp%%%%%%", fd, tempPath))
    return makeError(path, "cannot create temporary file: " + ec.message(), ec);

  std::error_code writeError;
  {
    raw_fd_ostream os(fd, /*shouldClose=*/true);
    os.write(kMagic, kMagicSize);
    os << static_cast<char>(major) << '\0';
    char length[4];
    if (major == 1) {
      support::endian::write16le(length, static_cast<uint16_t>(headerSize));
      os.write(length, 2);
    } else {
      support::endian::write32le(length, static_cast<uint32_t>(headerSize));
      os.write(length, 4);
    }
    os << header;
    os.write(reinterpret_cast<const char *>(array.bytes.data()),
             array.bytes.size());
    os.close();
    writeError = os.error();
    // raw_fd_ostream aborts on destruction with an unhandled error.
    os.clear_error();
  }
  if (writeError) {
    sys::fs::remove(tempPath);
    return makeError(path,
                     "cannot write temporary file '" + tempPath +
                         "': " + writeError.message(),
                     writeError);
  }

  if (std::error_code ec = sys::fs::rename(tempPath, path)) {
    sys::fs::remove(tempPath);
    return makeError(
        path, "cannot rename temporary file into place: " + ec.message(), ec);
  }
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Conversions
//===----------------------------------------------------------------------===//

std::vector<float> toFloat32(const Array &array) {
  size_t count = array.bytes.size() / getElementSize(array.dtype);
  assert(count == static_cast<size_t>(array.getNumElements()) &&
         "bytes do not match the shape");
  std::vector<float> result(count);
  const uint8_t *data = array.bytes.data();
  switch (array.dtype) {
  case DType::F16:
    for (size_t i = 0; i < count; ++i)
      result[i] = halfToFloat(support::endian::read16le(data + 2 * i));
    break;
  case DType::F32:
    for (size_t i = 0; i < count; ++i)
      result[i] = bit_cast<float>(support::endian::read32le(data + 4 * i));
    break;
  case DType::F64:
    for (size_t i = 0; i < count; ++i)
      result[i] = static_cast<float>(
          bit_cast<double>(support::endian::read64le(data + 8 * i)));
    break;
  case DType::I8:
  case DType::U8:
  case DType::I32: {
    std::vector<int32_t> integers = toInt32(array);
    std::copy(integers.begin(), integers.end(), result.begin());
    break;
  }
  }
  return result;
}

std::vector<int32_t> toInt32(const Array &array) {
  assert(isInteger(array.dtype) && "not an integer array");
  size_t count = array.bytes.size() / getElementSize(array.dtype);
  assert(count == static_cast<size_t>(array.getNumElements()) &&
         "bytes do not match the shape");
  std::vector<int32_t> result(count);
  const uint8_t *data = array.bytes.data();
  for (size_t i = 0; i < count; ++i) {
    if (array.dtype == DType::I8)
      result[i] = static_cast<int8_t>(data[i]);
    else if (array.dtype == DType::U8)
      result[i] = data[i];
    else
      result[i] = static_cast<int32_t>(support::endian::read32le(data + 4 * i));
  }
  return result;
}

Array makeIntegerArray(ArrayRef<int64_t> shape, DType dtype,
                       ArrayRef<int32_t> values) {
  assert(isInteger(dtype) && "not an integer dtype");
  Array array;
  array.shape.assign(shape.begin(), shape.end());
  array.dtype = dtype;
  assert(static_cast<int64_t>(values.size()) == array.getNumElements() &&
         "value count does not match the shape");
  size_t size = getElementSize(dtype);
  array.bytes.resize(values.size() * size);
  for (size_t i = 0, e = values.size(); i < e; ++i) {
    if (size == 1)
      array.bytes[i] = static_cast<uint8_t>(values[i]);
    else
      support::endian::write32le(array.bytes.data() + 4 * i,
                                 static_cast<uint32_t>(values[i]));
  }
  return array;
}

Array makeFloat32Array(ArrayRef<int64_t> shape, ArrayRef<float> values) {
  Array array;
  array.shape.assign(shape.begin(), shape.end());
  array.dtype = DType::F32;
  assert(static_cast<int64_t>(values.size()) == array.getNumElements() &&
         "value count does not match the shape");
  array.bytes.resize(values.size() * 4);
  for (size_t i = 0, e = values.size(); i < e; ++i)
    support::endian::write32le(array.bytes.data() + 4 * i,
                               bit_cast<uint32_t>(values[i]));
  return array;
}

float halfToFloat(uint16_t bits) {
  uint32_t sign = static_cast<uint32_t>(bits & 0x8000) << 16;
  uint32_t exponent = (bits >> 10) & 0x1f;
  uint32_t mantissa = bits & 0x3ff;
  uint32_t result;
  if (exponent == 0x1f) {
    // Infinity or NaN; the payload shifts into the top of the float payload.
    result = sign | 0x7f800000 | (mantissa << 13);
  } else if (exponent != 0) {
    // Normal: rebias the exponent from 15 to 127.
    result = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    result = sign;
  } else {
    // Subnormal halves (mantissa * 2^-24) are normal floats: with the leading
    // 1 at bit p, the value is 1.f * 2^(p - 24), and the remaining bits become
    // the top of the float fraction.
    uint32_t p = 31 - countl_zero(mantissa);
    result = sign | ((p + 103) << 23) | ((mantissa << (23 - p)) & 0x7fffff);
  }
  return bit_cast<float>(result);
}

uint16_t floatToHalf(float value) {
  uint32_t bits = bit_cast<uint32_t>(value);
  uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
  uint32_t magnitude = bits & 0x7fffffff;

  if (magnitude > 0x7f800000) // NaN: keep it quiet and keep the top payload.
    return sign | 0x7e00 | ((magnitude >> 13) & 0x3ff);
  // 65520 is halfway between 65504, the largest half, and 2^16; the tie
  // rounds to the even neighbour, which is infinity.
  if (magnitude >= 0x477ff000)
    return sign | 0x7c00;

  if (magnitude < 0x38800000) {
    // Below 2^-14, the result is subnormal (or zero): count in units of
    // 2^-24. With the implicit bit m, the value is m * 2^(e - 150), i.e.
    // m >> (126 - e) units. Float subnormals are far below 2^-25 and round
    // to zero.
    uint32_t exponent = magnitude >> 23;
    uint32_t shift = 126 - exponent;
    if (shift > 24)
      return sign;
    uint32_t mantissa = (magnitude & 0x7fffff) | 0x800000;
    uint32_t result = mantissa >> shift;
    uint32_t rest = mantissa & ((1u << shift) - 1);
    uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (result & 1)))
      ++result; // May carry into the smallest normal, which is 0x400.
    return sign | static_cast<uint16_t>(result);
  }

  // Normal: rebias the exponent from 127 to 15, then drop 13 mantissa bits.
  // A carry out of the mantissa correctly bumps the exponent; it cannot
  // reach infinity because of the check above.
  uint32_t rebased = magnitude - (112u << 23);
  uint32_t result = rebased >> 13;
  uint32_t rest = rebased & 0x1fff;
  if (rest > 0x1000 || (rest == 0x1000 && (result & 1)))
    ++result;
  return sign | static_cast<uint16_t>(result);
}

float bf16ToFloat(uint16_t bits) {
  return bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

uint16_t floatToBf16(float value) {
  uint32_t bits = bit_cast<uint32_t>(value);
  if ((bits & 0x7fffffff) > 0x7f800000)
    return static_cast<uint16_t>((bits >> 16) | 0x0040);
  // Adding 0x7fff plus the lowest kept bit rounds to nearest, ties to even;
  // overflow correctly carries into the exponent (up to infinity).
  uint32_t roundingBias = 0x7fff + ((bits >> 16) & 1);
  return static_cast<uint16_t>((bits + roundingBias) >> 16);
}

} // namespace mlir::tconv::npy
