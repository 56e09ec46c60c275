#include "util/unicode_text.hpp"

#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <vector>

namespace reach {
namespace {

std::optional<std::u16string> to_utf16(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::nullopt;
  std::u16string out(static_cast<std::size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  u_strFromUTF8(out.data(), length, nullptr, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

std::string to_utf8(const std::u16string& text) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strToUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
  std::string out(static_cast<std::size_t>(length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), length, nullptr, text.data(), static_cast<int32_t>(text.size()), &status);
  return out;
}

// ICU's objects for these checks are made once and only read afterwards, which ICU allows from many threads.
const USpoofChecker* spoof_checker() {
  static const USpoofChecker* checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* sc = uspoof_open(&status);
    uspoof_setChecks(sc, USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_NUMBERS, &status);
    uspoof_setRestrictionLevel(sc, USPOOF_MODERATELY_RESTRICTIVE);
    return U_SUCCESS(status) ? sc : nullptr;
  }();
  return checker;
}

const UIDNA* idna() {
  static const UIDNA* converter = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* i = uidna_openUTS46(
        UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_USE_STD3_RULES, &status);
    return U_SUCCESS(status) ? i : nullptr;
  }();
  return converter;
}

}  // namespace

std::optional<std::string> to_nfc(std::string_view utf8) {
  auto text = to_utf16(utf8);
  if (!text) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) return std::nullopt;
  int32_t length = unorm2_normalize(nfc, text->data(), static_cast<int32_t>(text->size()), nullptr, 0, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::nullopt;
  std::u16string out(static_cast<std::size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  unorm2_normalize(nfc, text->data(), static_cast<int32_t>(text->size()), out.data(), length, &status);
  if (U_FAILURE(status)) return std::nullopt;
  return to_utf8(out);
}

std::optional<std::string> to_lower(std::string_view utf8) {
  auto text = to_utf16(utf8);
  if (!text) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = u_strToLower(nullptr, 0, text->data(), static_cast<int32_t>(text->size()), "", &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::nullopt;
  std::u16string out(static_cast<std::size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  u_strToLower(out.data(), length, text->data(), static_cast<int32_t>(text->size()), "", &status);
  if (U_FAILURE(status)) return std::nullopt;
  return to_utf8(out);
}

bool has_invisible(std::string_view utf8) {
  int32_t i = 0, n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) return true;  // invalid UTF-8
    int8_t type = u_charType(c);
    if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_SPACE_SEPARATOR || type == U_LINE_SEPARATOR ||
        type == U_PARAGRAPH_SEPARATOR || type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR || type == U_SURROGATE ||
        u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
      return true;
  }
  return false;
}

std::optional<std::string> domain_to_ascii(std::string_view utf8) {
  const UIDNA* converter = idna();
  if (converter == nullptr) return std::nullopt;
  std::vector<char> out(256);
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = uidna_nameToASCII_UTF8(converter, utf8.data(), static_cast<int32_t>(utf8.size()), out.data(),
                                          static_cast<int32_t>(out.size()), &info, &status);
  if (U_FAILURE(status) || info.errors != 0 || length <= 0 || length > 253) return std::nullopt;
  return std::string(out.data(), static_cast<std::size_t>(length));
}

bool mixes_lookalike_scripts(std::string_view utf8) {
  const USpoofChecker* checker = spoof_checker();
  if (checker == nullptr) return true;  // cannot tell: refuse rather than let a lookalike through
  UErrorCode status = U_ZERO_ERROR;
  int32_t result = uspoof_checkUTF8(checker, utf8.data(), static_cast<int32_t>(utf8.size()), nullptr, &status);
  return U_FAILURE(status) || result != 0;
}

}  // namespace reach
