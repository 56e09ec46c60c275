// Reading columns of a soci::row the same way on both engines: nullable text, and integers whose C++
// type depends on engine and declared column type.
#pragma once
#include <soci/soci.h>

#include <optional>
#include <string>

namespace reach {

inline std::optional<std::string> nullable_text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return r.get<std::string>(i);
}

inline long long integer_value(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    default:
      return std::stoll(r.get<std::string>(i));
  }
}

}  // namespace reach
