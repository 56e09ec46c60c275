// Lets SOCI bind TimePoint (and std::optional<TimePoint>) as the schema's time columns: fixed-width
// RFC 3339 UTC text on both engines, so text order is time order. A stored value that is not such a
// time is an error, never a silent epoch.
#pragma once
#include <soci/soci.h>

#include <optional>
#include <string>

#include "util/clock.hpp"
#include "util/time_format.hpp"

namespace soci {

template <>
struct type_conversion<reach::TimePoint> {
  using base_type = std::string;
  static void from_base(const std::string& in, indicator ind, reach::TimePoint& out) {
    if (ind == i_null) throw soci_error("a time column that may not be NULL is NULL");
    auto t = reach::parse_rfc3339(in);
    if (!t) throw soci_error("a time column holds no RFC 3339 time");
    out = *t;
  }
  static void to_base(const reach::TimePoint& in, std::string& out, indicator& ind) {
    out = reach::format_rfc3339(in);
    ind = i_ok;
  }
};

template <>
struct type_conversion<std::optional<reach::TimePoint>> {
  using base_type = std::string;
  static void from_base(const std::string& in, indicator ind, std::optional<reach::TimePoint>& out) {
    if (ind == i_null) {
      out.reset();
      return;
    }
    reach::TimePoint t;
    type_conversion<reach::TimePoint>::from_base(in, ind, t);
    out = t;
  }
  static void to_base(const std::optional<reach::TimePoint>& in, std::string& out, indicator& ind) {
    if (!in) {
      ind = i_null;
      return;
    }
    type_conversion<reach::TimePoint>::to_base(*in, out, ind);
  }
};

}  // namespace soci
