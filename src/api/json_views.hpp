// The wire shapes of our types (api-contract.md). Secrets never appear here.
#pragma once
#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

#include "domain/company.hpp"
#include "domain/lead.hpp"
#include "domain/product.hpp"
#include "domain/user.hpp"

namespace reach {

nlohmann::json to_json(const Company& c);
nlohmann::json to_json(const User& u, const std::vector<std::pair<std::string, Role>>& roles);
nlohmann::json to_json(const Membership& m);
nlohmann::json to_json(const Product& p);
nlohmann::json to_json(const Lead& l);

template <typename T>
nlohmann::json to_json_array(const std::vector<T>& items) {
  auto arr = nlohmann::json::array();
  for (const auto& item : items) arr.push_back(to_json(item));
  return arr;
}

}  // namespace reach
