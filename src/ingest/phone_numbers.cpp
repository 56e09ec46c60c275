#include "ingest/phone_numbers.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <unordered_map>

namespace reach {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::string lower_trimmed(std::string_view s) {
  std::string out;
  for (unsigned char c : s)
    if (std::isalnum(c) || c == ' ') out += static_cast<char>(std::tolower(c));
  out.erase(0, out.find_first_not_of(' '));
  out.erase(out.find_last_not_of(' ') + 1);
  return out;
}

// English names and ISO 3166 alpha-3 codes of the countries lead lists name most.
const std::unordered_map<std::string, std::string>& country_names() {
  static const std::unordered_map<std::string, std::string> names = {{"united states", "US"},
                                                                     {"united states of america", "US"},
                                                                     {"usa", "US"},
                                                                     {"america", "US"},
                                                                     {"united kingdom", "GB"},
                                                                     {"uk", "GB"},
                                                                     {"great britain", "GB"},
                                                                     {"england", "GB"},
                                                                     {"scotland", "GB"},
                                                                     {"wales", "GB"},
                                                                     {"gbr", "GB"},
                                                                     {"germany", "DE"},
                                                                     {"deutschland", "DE"},
                                                                     {"deu", "DE"},
                                                                     {"france", "FR"},
                                                                     {"fra", "FR"},
                                                                     {"spain", "ES"},
                                                                     {"espana", "ES"},
                                                                     {"esp", "ES"},
                                                                     {"italy", "IT"},
                                                                     {"ita", "IT"},
                                                                     {"netherlands", "NL"},
                                                                     {"the netherlands", "NL"},
                                                                     {"holland", "NL"},
                                                                     {"nld", "NL"},
                                                                     {"belgium", "BE"},
                                                                     {"switzerland", "CH"},
                                                                     {"che", "CH"},
                                                                     {"austria", "AT"},
                                                                     {"aut", "AT"},
                                                                     {"ireland", "IE"},
                                                                     {"irl", "IE"},
                                                                     {"portugal", "PT"},
                                                                     {"sweden", "SE"},
                                                                     {"swe", "SE"},
                                                                     {"norway", "NO"},
                                                                     {"nor", "NO"},
                                                                     {"denmark", "DK"},
                                                                     {"dnk", "DK"},
                                                                     {"finland", "FI"},
                                                                     {"poland", "PL"},
                                                                     {"pol", "PL"},
                                                                     {"czech republic", "CZ"},
                                                                     {"czechia", "CZ"},
                                                                     {"canada", "CA"},
                                                                     {"can", "CA"},
                                                                     {"mexico", "MX"},
                                                                     {"mex", "MX"},
                                                                     {"brazil", "BR"},
                                                                     {"bra", "BR"},
                                                                     {"argentina", "AR"},
                                                                     {"chile", "CL"},
                                                                     {"colombia", "CO"},
                                                                     {"australia", "AU"},
                                                                     {"aus", "AU"},
                                                                     {"new zealand", "NZ"},
                                                                     {"india", "IN"},
                                                                     {"ind", "IN"},
                                                                     {"china", "CN"},
                                                                     {"chn", "CN"},
                                                                     {"japan", "JP"},
                                                                     {"jpn", "JP"},
                                                                     {"south korea", "KR"},
                                                                     {"korea", "KR"},
                                                                     {"singapore", "SG"},
                                                                     {"sgp", "SG"},
                                                                     {"hong kong", "HK"},
                                                                     {"israel", "IL"},
                                                                     {"isr", "IL"},
                                                                     {"united arab emirates", "AE"},
                                                                     {"uae", "AE"},
                                                                     {"saudi arabia", "SA"},
                                                                     {"south africa", "ZA"},
                                                                     {"zaf", "ZA"},
                                                                     {"nigeria", "NG"},
                                                                     {"kenya", "KE"},
                                                                     {"egypt", "EG"},
                                                                     {"turkey", "TR"},
                                                                     {"turkiye", "TR"},
                                                                     {"greece", "GR"},
                                                                     {"romania", "RO"},
                                                                     {"hungary", "HU"},
                                                                     {"ukraine", "UA"},
                                                                     {"russia", "RU"},
                                                                     {"philippines", "PH"},
                                                                     {"indonesia", "ID"},
                                                                     {"malaysia", "MY"},
                                                                     {"thailand", "TH"},
                                                                     {"vietnam", "VN"},
                                                                     {"pakistan", "PK"},
                                                                     {"bangladesh", "BD"}};
  return names;
}

// A North American number written the common way: ten digits (or 1 and ten, or +1 and ten) with only
// spaces, parentheses, hyphens and dots between them, the area code starting 2-9. Its national number,
// or nothing for anything else (letters, an extension, an international prefix, another length), which
// goes through libphonenumber's parser. The parser reads these the same way (the equivalence is tested
// on generated numbers), but through a dozen ICU regular expressions: three quarters of a phone
// number's cost, and the larger part of a US lead list's import on its reading thread.
std::optional<std::uint64_t> plain_nanp_number(std::string_view text) {
  std::uint64_t digits = 0;
  int count = 0;
  bool plus = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      if (++count > 11) return std::nullopt;
      digits = digits * 10 + static_cast<std::uint64_t>(c - '0');
    } else if (c == '+' && count == 0 && !plus) {
      plus = true;
    } else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') {
      return std::nullopt;
    }
  }
  constexpr std::uint64_t kTenDigits = 10'000'000'000ULL;
  if (count == 11 && digits / kTenDigits == 1)
    digits %= kTenDigits;  // the trunk or country code 1
  else if (count != 10 || plus)
    return std::nullopt;
  if (digits / 1'000'000'000ULL < 2) return std::nullopt;  // area codes start 2-9
  return digits;
}

}  // namespace

std::optional<std::string> region_for_country(std::string_view country) {
  std::string key = lower_trimmed(country);
  if (key.empty()) return std::nullopt;
  if (key.size() == 2) {
    std::string code = {static_cast<char>(std::toupper(key[0])), static_cast<char>(std::toupper(key[1]))};
    if (code == "UK") return "GB";
    auto* util = PhoneNumberUtil::GetInstance();
    if (util->GetCountryCodeForRegion(code) != 0) return code;
  }
  auto it = country_names().find(key);
  if (it != country_names().end()) return it->second;
  return std::nullopt;
}

PhoneNormalizer::PhoneNormalizer(std::string default_region) : default_region_(std::move(default_region)) {}

std::optional<std::string> PhoneNormalizer::to_e164(std::string_view raw, std::string_view country) const {
  std::string text(raw);
  if (std::none_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) return std::nullopt;
  auto* util = PhoneNumberUtil::GetInstance();
  std::string region = region_for_country(country).value_or(default_region_);
  PhoneNumber number;
  auto nanp = util->GetCountryCodeForRegion(region) == 1 ? plain_nanp_number(text) : std::nullopt;
  if (nanp) {
    number.set_country_code(1);
    number.set_national_number(*nanp);
  } else if (util->Parse(text, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return std::nullopt;
  }
  // Valid in the row's own region settles it at half the cost (3 us instead of 6.5: IsValidNumber
  // tries every region sharing the country code, 25 for +1); otherwise the number may belong to
  // another region, which IsValidNumber finds. Same answer either way.
  if (!util->IsValidNumberForRegion(number, region) && !util->IsValidNumber(number)) return std::nullopt;
  std::string out;
  util->Format(number, PhoneNumberUtil::E164, &out);
  return out;
}

}  // namespace reach
