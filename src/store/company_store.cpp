#include "store/company_store.hpp"

#include "store/row_values.hpp"
#include "store/soci_optional.hpp"
#include "store/soci_time.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

constexpr const char* kCompanyColumns =
    "c.id, c.user_id, c.name, c.address, c.industry, c.website, c.overview, c.background, c.products_services, "
    "c.account_email, c.account_type, c.cronofy_provider, c.cronofy_linked_email, "
    "c.cronofy_default_calendar_name, c.cronofy_default_calendar_id, c.custom_calendar_link, c.created_at, "
    "c.research_status";

// The columns of kCompanyColumns, bound once for a cached statement.
struct FindCompanyQuery {
  std::string company_id;
  Company c;
  soci::statement st;
  explicit FindCompanyQuery(soci::session& s)
      : st((s.prepare << "SELECT " + std::string(kCompanyColumns) +
                             " FROM companies c WHERE c.id = :id AND c.deleted = 0",
            soci::use(company_id), soci::into(c.id), soci::into(c.user_id), soci::into(c.name), soci::into(c.address),
            soci::into(c.industry), soci::into(c.website), soci::into(c.overview), soci::into(c.background),
            soci::into(c.products_services), soci::into(c.account_email), soci::into(c.account_type),
            soci::into(c.cronofy_provider), soci::into(c.cronofy_linked_email),
            soci::into(c.cronofy_default_calendar_name), soci::into(c.cronofy_default_calendar_id),
            soci::into(c.custom_calendar_link), soci::into(c.created_at), soci::into(c.research_status))) {}
};

struct RoleOfQuery {
  std::string user_id, company_id, role;
  soci::statement st;
  explicit RoleOfQuery(soci::session& s)
      : st((s.prepare << "SELECT p.role FROM user_company_profiles p JOIN companies c ON c.id = p.company_id "
                         "WHERE p.user_id = :u AND p.company_id = :c AND c.deleted = 0",
            soci::use(user_id), soci::use(company_id), soci::into(role))) {}
};

Company company_from_row(const soci::row& r) {
  Company c;
  c.id = r.get<std::string>(0);
  c.user_id = r.get<std::string>(1);
  c.name = r.get<std::string>(2);
  c.address = nullable_text(r, 3);
  c.industry = nullable_text(r, 4);
  c.website = nullable_text(r, 5);
  c.overview = nullable_text(r, 6);
  c.background = nullable_text(r, 7);
  c.products_services = nullable_text(r, 8);
  c.account_email = nullable_text(r, 9);
  c.account_type = nullable_text(r, 10);
  c.cronofy_provider = nullable_text(r, 11);
  c.cronofy_linked_email = nullable_text(r, 12);
  c.cronofy_default_calendar_name = nullable_text(r, 13);
  c.cronofy_default_calendar_id = nullable_text(r, 14);
  c.custom_calendar_link = nullable_text(r, 15);
  c.created_at = r.get<TimePoint>(16);
  c.research_status = r.get<std::string>(17);
  return c;
}

void insert_membership(soci::session& s, const Membership& m, TimePoint now, bool* inserted) {
  std::string role(role_name(m.role));
  soci::statement st =
      (s.prepare << "INSERT INTO user_company_profiles (id, user_id, company_id, role, created_at) "
                    "VALUES (:id, :u, :c, :r, :t) ON CONFLICT (user_id, company_id) DO NOTHING",
       soci::use(m.id), soci::use(m.user_id), soci::use(m.company_id), soci::use(role), soci::use(now));
  st.execute(true);
  if (inserted) *inserted = st.get_affected_rows() == 1;
}

}  // namespace

void CompanyStore::create_with_admin(const Company& c, const Membership& admin) {
  db_.in_transaction([&](soci::session& s) {
    s << "INSERT INTO companies (id, user_id, name, address, industry, website, overview, background, "
         "products_services, research_status, created_at, updated_at) VALUES (:id, :u, :n, :a, :i, :w, :o, :b, :p, "
         ":rs, :c, :c2)",
        soci::use(c.id), soci::use(c.user_id), soci::use(c.name), soci::use(c.address), soci::use(c.industry),
        soci::use(c.website), soci::use(c.overview), soci::use(c.background), soci::use(c.products_services),
        soci::use(c.research_status), soci::use(c.created_at), soci::use(c.created_at);
    insert_membership(s, admin, c.created_at, nullptr);
  });
}

std::optional<Company> CompanyStore::find(const std::string& company_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<Company> {
    return cache_.fetch_one<FindCompanyQuery>(
        s, [&](FindCompanyQuery& q) { q.company_id = company_id; }, [](FindCompanyQuery& q) { return q.c; });
  });
}

std::vector<Company> CompanyStore::list_for_user(const std::string& user_id) {
  return db_.with_session([&](soci::session& s) {
    std::vector<Company> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT " + std::string(kCompanyColumns) +
                          " FROM companies c JOIN user_company_profiles p ON p.company_id = c.id "
                          "WHERE p.user_id = :u AND c.deleted = 0 ORDER BY c.created_at, c.id",
         soci::use(user_id));
    for (const auto& r : rows) out.push_back(company_from_row(r));
    return out;
  });
}

void CompanyStore::soft_delete(const std::string& company_id, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE companies SET deleted = 1, updated_at = :t WHERE id = :id", soci::use(now), soci::use(company_id);
  });
}

void CompanyStore::apply_research(const std::string& company_id, const Company& f, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE companies SET overview = COALESCE(:o, overview), background = COALESCE(:b, background), "
         "products_services = COALESCE(:p, products_services), "
         "address = CASE WHEN address IS NULL OR address = '' THEN :a ELSE address END, "
         "industry = CASE WHEN industry IS NULL OR industry = '' THEN :i ELSE industry END, "
         "research_status = 'done', updated_at = :t WHERE id = :id",
        soci::use(f.overview), soci::use(f.background), soci::use(f.products_services), soci::use(f.address),
        soci::use(f.industry), soci::use(now), soci::use(company_id);
  });
}

void CompanyStore::update_profile(const Company& c, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE companies SET name = :n, website = :w, industry = :i, address = :a, custom_calendar_link = :l, "
         "updated_at = :t WHERE id = :id AND deleted = 0",
        soci::use(c.name), soci::use(c.website), soci::use(c.industry), soci::use(c.address),
        soci::use(c.custom_calendar_link), soci::use(now), soci::use(c.id);
  });
}

void CompanyStore::set_research_status(const std::string& company_id, const std::string& status, TimePoint now_time) {
  std::string now = format_rfc3339(now_time);
  db_.with_session([&](soci::session& s) {
    s << "UPDATE companies SET research_status = :s, updated_at = :t WHERE id = :id", soci::use(status), soci::use(now),
        soci::use(company_id);
  });
}

std::optional<Role> CompanyStore::role_of(const std::string& user_id, const std::string& company_id) {
  return db_.with_session([&](soci::session& s) -> std::optional<Role> {
    auto role = cache_.fetch_one<RoleOfQuery>(
        s,
        [&](RoleOfQuery& q) {
          q.user_id = user_id;
          q.company_id = company_id;
        },
        [](RoleOfQuery& q) { return q.role; });
    return role ? parse_role(*role) : std::nullopt;
  });
}

std::vector<std::pair<std::string, Role>> CompanyStore::roles_of_user(const std::string& user_id) {
  return db_.with_session([&](soci::session& s) {
    std::vector<std::pair<std::string, Role>> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT p.company_id, p.role FROM user_company_profiles p JOIN companies c "
                      "ON c.id = p.company_id WHERE p.user_id = :u AND c.deleted = 0 ORDER BY p.created_at, p.id",
         soci::use(user_id));
    for (const auto& r : rows)
      if (auto role = parse_role(r.get<std::string>(1))) out.emplace_back(r.get<std::string>(0), *role);
    return out;
  });
}

std::vector<Membership> CompanyStore::members(const std::string& company_id) {
  return db_.with_session([&](soci::session& s) {
    std::vector<Membership> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT p.id, p.user_id, p.company_id, p.role, u.email, u.name FROM user_company_profiles p "
                      "JOIN users u ON u.id = p.user_id WHERE p.company_id = :c ORDER BY p.created_at, p.id",
         soci::use(company_id));
    for (const auto& r : rows) {
      Membership m{r.get<std::string>(0), r.get<std::string>(1),
                   r.get<std::string>(2), parse_role(r.get<std::string>(3)).value_or(Role::sdr),
                   r.get<std::string>(4), nullable_text(r, 5)};
      out.push_back(std::move(m));
    }
    return out;
  });
}

bool CompanyStore::add_member(const Membership& m, TimePoint now) {
  return db_.with_session([&](soci::session& s) {
    bool inserted = false;
    insert_membership(s, m, now, &inserted);
    return inserted;
  });
}

CompanyStore::MemberChange CompanyStore::change_member(const std::string& company_id, const std::string& user_id,
                                                       std::optional<Role> role) {
  return db_.in_transaction([&](soci::session& s) {
    // The company's row, locked: two admins demoting each other at once take turns, and the second
    // finds itself the last admin.
    std::string locked;
    s << "SELECT id FROM companies WHERE id = :c" + std::string(db_.dialect().for_update()), soci::use(company_id),
        soci::into(locked);
    std::optional<std::string> current;
    s << "SELECT role FROM user_company_profiles WHERE company_id = :c AND user_id = :u", soci::use(company_id),
        soci::use(user_id), soci::into(current);
    if (!current) return MemberChange::not_a_member;
    if (current == role_name(Role::admin) && role != Role::admin) {
      long long admins = 0;
      s << "SELECT count(*) FROM user_company_profiles WHERE company_id = :c AND role = 'admin'", soci::use(company_id),
          soci::into(admins);
      if (admins <= 1) return MemberChange::last_admin;
    }
    if (role) {
      std::string name(role_name(*role));
      s << "UPDATE user_company_profiles SET role = :r WHERE company_id = :c AND user_id = :u", soci::use(name),
          soci::use(company_id), soci::use(user_id);
    } else {
      s << "DELETE FROM user_company_profiles WHERE company_id = :c AND user_id = :u", soci::use(company_id),
          soci::use(user_id);
    }
    return MemberChange::done;
  });
}

}  // namespace reach
