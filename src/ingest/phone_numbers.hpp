// Phone numbers in E.164 ("+4930123456") through libphonenumber. The region for numbers written without
// a country code comes from the row's country (ISO 3166 code or English name), else the default.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace reach {

// "DE", "DEU", "Germany", "germany " → "DE"; nothing when unknown.
std::optional<std::string> region_for_country(std::string_view country);

class PhoneNormalizer {
 public:
  explicit PhoneNormalizer(std::string default_region = "US");
  // A valid number in E.164, or nothing (unparseable, or not a valid number for its region).
  std::optional<std::string> to_e164(std::string_view raw, std::string_view country = {}) const;

 private:
  std::string default_region_;
};

}  // namespace reach
