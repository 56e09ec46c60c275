#include "store/migrations.hpp"

#include <algorithm>
#include <cctype>

#include "assets/embedded_assets.hpp"
#include "domain/validation.hpp"
#include "util/clock.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

void ensure_table(soci::session& s) {
  s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
       "applied_at TEXT NOT NULL)";
}

int apply_pending(soci::session& s, const std::vector<Migration>& all) {
  int applied = 0;
  for (const auto& m : all) {
    int seen = 0;
    s << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version), soci::into(seen);
    if (seen > 0) continue;
    for (const auto& stmt : split_sql_statements(m.sql)) s << stmt;
    std::string now = format_rfc3339(SystemClock().now());
    s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)", soci::use(m.version),
        soci::use(m.name), soci::use(now);
    ++applied;
  }
  return applied;
}

}  // namespace

std::vector<Migration> embedded_migrations(Engine engine) {
  std::vector<Migration> out;
  for (const auto& asset : embedded_assets()) {
    std::string name(asset.name);
    if (name.size() < 10 || name.substr(name.size() - 4) != ".sql" ||
        !std::isdigit(static_cast<unsigned char>(name[0])))
      continue;
    name.resize(name.size() - 4);
    // NNNN_name.sql runs on both engines; NNNN_name.sqlite.sql / NNNN_name.postgresql.sql on one.
    auto dot = name.rfind('.');
    if (dot != std::string::npos) {
      std::string only = name.substr(dot + 1);
      if (only != Dialect{engine}.name()) continue;
      name.resize(dot);
    }
    out.push_back({std::stoi(name.substr(0, 4)), name, std::string(asset.content)});
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string upper(std::string_view w) {
  std::string out(w);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

// One pass over the script, character by character: semicolons inside quotes ('...', "..."), comments
// (-- and /* */), PostgreSQL dollar quotes ($$...$$, $tag$...$tag$) and a trigger's BEGIN ... END body
// do not end a statement; a statement may span any number of lines. Comments are dropped.
std::vector<std::string> split_sql_statements(const std::string& script) {
  std::vector<std::string> out;
  std::string current, word, last_word, opening;  // opening: the statement's first words, upper case
  bool in_trigger = false;  // CREATE TRIGGER ... BEGIN ...; ...; END; ends at the semicolon after its END
  int depth = 0;            // in a trigger: BEGIN and CASE open, END closes
  auto end_word = [&] {
    if (word.empty()) return;
    last_word = upper(word);
    if (opening.size() < 64) opening += last_word + " ";
    if (last_word == "TRIGGER" && opening.rfind("CREATE ", 0) == 0) in_trigger = true;
    if (in_trigger && (last_word == "BEGIN" || last_word == "CASE")) ++depth;
    if (in_trigger && last_word == "END") --depth;
    word.clear();
  };
  auto end_statement = [&] {
    auto text = trim(current);
    if (!text.empty()) out.push_back(text);
    current.clear();
    opening.clear();
    last_word.clear();
    in_trigger = false;
    depth = 0;
  };
  const std::size_t n = script.size();
  for (std::size_t i = 0; i < n; ++i) {
    char c = script[i];
    if (c == '-' && i + 1 < n && script[i + 1] == '-') {  // a comment to the end of the line
      end_word();
      while (i < n && script[i] != '\n') ++i;
      current += '\n';
      continue;
    }
    if (c == '/' && i + 1 < n && script[i + 1] == '*') {
      end_word();
      auto close = script.find("*/", i + 2);
      i = close == std::string::npos ? n : close + 1;
      current += ' ';
      continue;
    }
    if (c == '\'' || c == '"') {  // a quoted text or name, its quote doubled inside
      end_word();
      std::size_t j = i + 1;
      while (j < n && !(script[j] == c && (j + 1 >= n || script[j + 1] != c))) j += script[j] == c ? 2 : 1;
      current.append(script, i, std::min(j, n - 1) - i + 1);
      i = j;
      continue;
    }
    if (c == '$') {  // a dollar quote: $$ or $tag$ ... the same again
      std::size_t j = i + 1;
      while (j < n && word_char(script[j])) ++j;
      if (j < n && script[j] == '$' &&
          !(word_char(script[i + 1]) && std::isdigit(static_cast<unsigned char>(script[i + 1])))) {
        std::string tag = script.substr(i, j - i + 1);
        auto close = script.find(tag, j + 1);
        std::size_t end = close == std::string::npos ? n : close + tag.size();
        end_word();
        current.append(script, i, end - i);
        i = end - 1;
        continue;
      }
    }
    if (word_char(c)) {
      word += c;
      current += c;
      continue;
    }
    end_word();
    if (c == ';' && (!in_trigger || depth <= 0)) {
      end_statement();
      continue;
    }
    current += c;
  }
  end_word();
  end_statement();
  return out;
}

int apply_migrations(Database& db) {
  auto all = embedded_migrations(db.engine());
  return db.in_transaction([&](soci::session& s) {
    if (auto lock = db.dialect().migration_lock(); !lock.empty()) s << std::string(lock);
    ensure_table(s);
    return apply_pending(s, all);
  });
}

}  // namespace reach
