// Research about a company from its name and website. The AI providers issue supplies the real
// adapters (Perplexity, offline); until then NoResearch answers that nothing is known.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace reach {

struct CompanyResearch {
  std::optional<std::string> overview, background, products_services, address, industry;
  std::vector<std::string> citations;
  std::string source;
};

class Researcher {
 public:
  virtual ~Researcher() = default;
  virtual std::optional<CompanyResearch> research_company(const std::string& name, const std::string& website) = 0;
};

class NoResearch final : public Researcher {
 public:
  std::optional<CompanyResearch> research_company(const std::string&, const std::string&) override {
    return std::nullopt;
  }
};

}  // namespace reach
