// Lets SOCI bind std::optional<T> as a nullable column (SOCI 4.0 only ships boost::optional support).
#pragma once
#include <soci/soci.h>

#include <optional>

namespace soci {

template <typename T>
struct type_conversion<std::optional<T>> {
  using base_type = T;
  static void from_base(const T& in, indicator ind, std::optional<T>& out) {
    if (ind == i_null)
      out.reset();
    else
      out = in;
  }
  static void to_base(const std::optional<T>& in, T& out, indicator& ind) {
    if (in) {
      out = *in;
      ind = i_ok;
    } else {
      ind = i_null;
    }
  }
};

}  // namespace soci
