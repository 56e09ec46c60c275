#include "app/demo_campaign.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <thread>

namespace reach {
namespace {

constexpr const char* kDemoCampaign = "WeldBot X2 launch (demo)";

struct DemoPerson {
  const char* first;
  const char* last;
  const char* company;
  const char* domain;
  const char* title;
  const char* industry;
  const char* city;
};

// Invented people at invented firms (.example domains never resolve).
constexpr std::array<DemoPerson, 25> kPeople = {{
    {"Maria", "Keller", "Keller Metallbau", "keller-metallbau.example", "Owner", "Metal fabrication", "Stuttgart"},
    {"Tom", "Baker", "Baker Automotive Parts", "baker-automotive.example", "Plant Manager", "Automotive", "Detroit"},
    {"Aiko", "Tanaka", "Tanaka Precision", "tanaka-precision.example", "Production Lead", "Machining", "Nagoya"},
    {"Lars", "Nilsson", "Nordic Trailers", "nordic-trailers.example", "COO", "Trailer manufacturing", "Gothenburg"},
    {"Priya", "Raman", "Raman Steelworks", "raman-steel.example", "Head of Operations", "Steel", "Pune"},
    {"Carlos", "Mendes", "Mendes Estruturas", "mendes-estruturas.example", "Director", "Structural steel", "Porto"},
    {"Hannah", "Schmidt", "Schmidt Anlagenbau", "schmidt-anlagenbau.example", "Plant Manager", "Plant engineering",
     "Dortmund"},
    {"James", "O'Connor", "O'Connor Fabrication", "oconnor-fab.example", "Owner", "Metal fabrication", "Cork"},
    {"Sofia", "Rossi", "Rossi Telai", "rossi-telai.example", "Operations Manager", "Bicycle frames", "Bergamo"},
    {"Ahmed", "Hassan", "Delta Boilers", "delta-boilers.example", "Production Manager", "Boilers", "Alexandria"},
    {"Emma", "Dubois", "Dubois Chaudronnerie", "dubois-chaudronnerie.example", "CEO", "Sheet metal", "Lyon"},
    {"Mateusz", "Nowak", "Nowak Konstrukcje", "nowak-konstrukcje.example", "Plant Manager", "Steel structures",
     "Katowice"},
    {"Grace", "Lee", "Pacific Marine Works", "pacific-marine.example", "Yard Manager", "Shipbuilding", "Busan"},
    {"Oliver", "Brown", "Brown Agricultural", "brown-agri.example", "Head of Manufacturing", "Farm machinery", "Leeds"},
    {"Fatima", "Zahra", "Atlas Racks", "atlas-racks.example", "Operations Director", "Storage systems", "Casablanca"},
    {"Lukas", "Novak", "Novak Kovovyroba", "novak-kovo.example", "Owner", "Metalwork", "Brno"},
    {"Isabel", "Garcia", "Garcia Carrocerias", "garcia-carrocerias.example", "Plant Manager", "Bus bodies", "Zaragoza"},
    {"Noah", "Williams", "Prairie Grain Systems", "prairie-grain.example", "VP Operations", "Grain bins", "Omaha"},
    {"Elena", "Popescu", "Popescu Utilaje", "popescu-utilaje.example", "Production Lead", "Equipment", "Cluj"},
    {"Daniel", "Cohen", "Cohen Gates & Rails", "cohen-gates.example", "Owner", "Architectural metal", "Haifa"},
    {"Mia", "Jensen", "Jensen Staal", "jensen-staal.example", "Workshop Manager", "Steel", "Aarhus"},
    {"Kenji", "Sato", "Sato Frames", "sato-frames.example", "Plant Manager", "Furniture frames", "Osaka"},
    {"Ana", "Silva", "Silva Metalurgica", "silva-metalurgica.example", "Director", "Metallurgy", "Curitiba"},
    {"Ben", "Clarke", "Clarke Exhausts", "clarke-exhausts.example", "Engineering Manager", "Exhaust systems",
     "Coventry"},
    {"Chloe", "Martin", "Martin Remorques", "martin-remorques.example", "COO", "Trailers", "Nantes"},
}};

void draw(const DemoRunSummary& r, bool tty) {
  const auto& c = r.counts;
  long long done = c.sent + c.failed + c.skipped + c.uncertain;
  long long total = r.leads_total > 0 ? r.leads_total : 1;
  int width = 30, filled = static_cast<int>(done * width / total);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(static_cast<std::size_t>(width), '.');
  fmt::print("{}  [{}] {}/{}  sent {}  failed {}  skipped {}{}", tty ? "\r" : "", bar, done, r.leads_total, c.sent,
             c.failed, c.skipped, tty ? "" : "\n");
  std::fflush(stdout);
}

}  // namespace

std::size_t ensure_demo_campaign_leads(Services& s, const std::string& company_id) {
  std::size_t added = 0;
  for (const auto& p : kPeople) {
    std::string email = fmt::format("{}.{}@{}", p.first, p.last, p.domain);
    for (char& ch : email) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::erase(email, '\'');
    if (!s.leads.list(company_id, email, 1, 1).items.empty()) continue;
    Lead lead{.name = fmt::format("{} {}", p.first, p.last)};
    lead.field(LeadField::first_name) = p.first;
    lead.field(LeadField::last_name) = p.last;
    lead.field(LeadField::email) = email;
    lead.field(LeadField::company) = p.company;
    lead.field(LeadField::job_title) = p.title;
    lead.field(LeadField::industry) = p.industry;
    lead.field(LeadField::city) = p.city;
    lead.field(LeadField::website) = std::string("https://") + p.domain;
    s.leads.create(company_id, std::move(lead));
    ++added;
  }
  if (!s.mailbox.settings(company_id)) {
    // The outbox takes the mail (REACH_CAMPAIGN_MAIL=outbox): no server is asked, nothing leaves the machine.
    s.mailbox.save_credentials(company_id, CredentialsInput{.type = "smtp",
                                                            .email = "sales@acme-robotics.example",
                                                            .password = "demo-mailbox-password",
                                                            .from_name = "Alex from Acme Robotics",
                                                            .smtp_host = "smtp.acme-robotics.example",
                                                            .security = "starttls"});
    s.mailbox.set_throttle(company_id, EmailThrottle{1000, 10000, true});
  }
  return added;
}

DemoRunSummary run_demo_campaign(Services& s, const std::string& company_id, const std::string& product_id) {
  DemoRunSummary out;
  std::optional<Campaign> campaign;
  for (const auto& c : s.campaigns.list(company_id))
    if (c.name == kDemoCampaign) campaign = c;
  if (!campaign)
    campaign = s.campaigns.create(Campaign{
        .company_id = company_id,
        .product_id = product_id,
        .name = kDemoCampaign,
        .description = std::string("The demo's email campaign to every demo lead"),
        .type = "email",
        .template_text = std::string("Short and friendly; mention the 9-month payback and offer a 20-minute call.")});
  out.campaign_id = campaign->id;
  out.run_id = s.campaigns.run(*campaign);
  s.workers.notify();
  bool tty = isatty(STDOUT_FILENO) != 0;
  fmt::print("Running the email campaign \"{}\":\n", kDemoCampaign);
  auto last_print = std::chrono::steady_clock::now() - std::chrono::seconds(10);
  for (;;) {
    auto run = s.campaigns.find_run(out.run_id);
    auto with = s.campaigns.with_counts(*run);
    out.status = run_status_name(run->status);
    out.counts = with.counts;
    out.leads_total = run->leads_total;
    bool ended = run->status != RunStatus::running;
    if (tty || ended || std::chrono::steady_clock::now() - last_print > std::chrono::seconds(1)) {
      draw(out, tty);
      last_print = std::chrono::steady_clock::now();
    }
    if (ended) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (tty) fmt::print("\n");
  return out;
}

}  // namespace reach
