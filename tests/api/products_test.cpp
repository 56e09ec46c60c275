// Products through the real binary: upload each document type, read the extracted text back, list,
// update, download the original, soft delete; hostile uploads get a clear 4xx and the server goes on.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "fixtures/documents.hpp"
#include "support/reach_server.hpp"

namespace reach::test {
namespace {

using fixtures::DocxBlock;

class Products : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ReachServer();
    token_ = server_->register_user(ReachServer::unique_email("products"));
    company_ = server_->create_company(token_, "Products Co");
  }
  static void TearDownTestSuite() { delete server_; }
  void TearDown() override { EXPECT_EQ(server_->http().get("/healthz").status, 200) << "server stopped serving"; }

  HttpResult upload(const std::string& name, const std::string& filename, const std::string& content) {
    return server_->http().post_multipart(base(), {{"product_name", name}}, filename, content, token_);
  }
  static std::string base() { return "/api/companies/" + company_ + "/products"; }
  static ReachServer* server_;
  static std::string token_, company_;
};
ReachServer* Products::server_ = nullptr;
std::string Products::token_, Products::company_;

TEST_F(Products, UploadPdfDocxAndTextAndReadTheirDescriptions) {
  auto pdf = fixtures::make_pdf({{"WeldBot X2 cuts cycle time by 40%."}, {"Second page: ROI in 9 months."}});
  auto r = upload("WeldBot X2", "weldbot.pdf", pdf);
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = r.json();
  EXPECT_EQ(p["product_name"], "WeldBot X2");
  EXPECT_EQ(p["original_filename"], "weldbot.pdf");
  EXPECT_EQ(p["company_id"], company_);
  EXPECT_EQ(p["deleted"], false);
  EXPECT_TRUE(p["enriched_information"].is_null());
  EXPECT_NE(p["description"].get<std::string>().find("WeldBot X2 cuts cycle time by 40%."), std::string::npos);
  EXPECT_NE(p["description"].get<std::string>().find("ROI in 9 months."), std::string::npos);
  EXPECT_EQ(p["file_name"].get<std::string>().find(company_ + "/"), 0u) << "stored under the company";
  for (const char* key : {"id", "product_url", "created_at"}) EXPECT_TRUE(p.contains(key)) << key;

  auto docx = fixtures::make_docx({{DocxBlock::heading, "Fleet Tracker"},
                                   {DocxBlock::list_item, "Live GPS"},
                                   {DocxBlock::table, "", {{"Tier", "Price"}, {"Pro", "$20"}}}});
  r = upload("Fleet Tracker", "tracker.docx", docx);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["description"], "Fleet Tracker\n- Live GPS\nTier | Price\nPro | $20");

  r = upload("Legacy Notes", "notes.txt", "Caf\xE9 owners love our \x93instant\x94 invoicing.");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["description"], "Caf\xC3\xA9 owners love our \xE2\x80\x9Cinstant\xE2\x80\x9D invoicing.");

  auto list = server_->http().get(base(), token_);
  ASSERT_EQ(list.status, 200);
  EXPECT_GE(list.json().size(), 3u);
}

TEST_F(Products, OriginalFileComesBackByteForByte) {
  auto pdf = fixtures::make_pdf({{"Byte for byte."}});
  auto r = upload("Bytes", "../../etc/Q3 \"plan\".pdf", pdf);
  ASSERT_EQ(r.status, 200) << r.body;
  auto id = r.json()["id"].get<std::string>();
  EXPECT_EQ(r.json()["original_filename"], "Q3 \"plan\".pdf") << "path parts are dropped";
  EXPECT_EQ(r.json()["file_name"].get<std::string>().find(".."), std::string::npos);
  auto f = server_->http().get(base() + "/" + id + "/file", token_);
  ASSERT_EQ(f.status, 200);
  EXPECT_EQ(f.body, pdf);
  EXPECT_EQ(f.headers["content-type"], "application/pdf");
  EXPECT_EQ(f.headers["content-disposition"], "attachment; filename=\"Q3 _plan_.pdf\"");
  auto stored = server_->data_dir() + "/buckets/product-files/" + r.json()["file_name"].get<std::string>();
  EXPECT_TRUE(std::filesystem::exists(stored)) << stored;
}

TEST_F(Products, UpdateAndSoftDelete) {
  auto r = upload("Old Name", "a.txt", "Plain words about the product.");
  ASSERT_EQ(r.status, 200) << r.body;
  auto id = r.json()["id"].get<std::string>();
  auto path = base() + "/" + id;
  auto h = bearer(token_);
  h["Content-Type"] = "application/json";
  r = server_->http().request("PUT", path, R"({"product_name": "New Name", "product_url": "acme.example/x2"})", h);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["product_name"], "New Name");
  EXPECT_EQ(r.json()["product_url"], "https://acme.example/x2");
  EXPECT_EQ(r.json()["description"], "Plain words about the product.");
  EXPECT_EQ(server_->http().request("PUT", path, R"({"product_url": "not a url"})", h).status, 422);
  EXPECT_EQ(server_->http().request("PUT", path, R"({"product_url": "-"})", h).status, 422)
      << "no value means 'not given'";

  ASSERT_EQ(server_->http().del(path, token_).status, 200);
  auto after = server_->http().get(path, token_);
  ASSERT_EQ(after.status, 200) << "still readable for campaigns that use it";
  EXPECT_EQ(after.json()["deleted"], true);
  EXPECT_EQ(server_->http().get(base(), token_).body.find(id), std::string::npos) << "gone from the listing";
  EXPECT_EQ(server_->http().request("PUT", path, R"({"product_name": "Zombie"})", h).status, 400);
  EXPECT_EQ(server_->http().get(base() + "/00000000-0000-4000-8000-000000000000", token_).status, 404);
}

TEST_F(Products, HostileUploadsGetClearErrors) {
  auto pdf = fixtures::make_pdf({{"Some text"}, {"More text"}});
  struct Case {
    std::string what, filename, content, expect;
  };
  std::vector<Case> cases = {
      {"truncated PDF", "cut.pdf", pdf.substr(0, pdf.size() / 3), "damaged"},
      {"image-only PDF", "scan.pdf", fixtures::make_pdf({{}}), "no text layer"},
      {"zip bomb", "bomb.docx", fixtures::make_docx_bomb(64 << 20), "zip bomb"},
      {"external entity", "xxe.docx",
       fixtures::make_docx({{DocxBlock::paragraph, "&xxe;"}},
                           R"(<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)"),
       "DTD"},
      {"binary renamed .txt", "notes.txt",
       std::string("\x7f"
                   "ELF\x02\x01\x01\0\0\0",
                   10) +
           std::string(2000, '\x03'),
       ".pdf, .docx and .txt"},
      {"empty file", "empty.txt", "", "empty"},
  };
  // An encrypted PDF, made with qpdf (installed by scripts/install-deps.sh).
  auto dir = std::filesystem::temp_directory_path() / ("reach-enc-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "in.pdf", std::ios::binary) << pdf;
  ASSERT_EQ(std::system(
                ("qpdf --encrypt u o 256 -- " + (dir / "in.pdf").string() + " " + (dir / "out.pdf").string()).c_str()),
            0);
  std::stringstream enc;
  enc << std::ifstream(dir / "out.pdf", std::ios::binary).rdbuf();
  cases.push_back({"encrypted PDF", "locked.pdf", enc.str(), "encrypted"});
  std::filesystem::remove_all(dir);

  for (const auto& c : cases) {
    auto r = upload(c.what, c.filename, c.content);
    EXPECT_EQ(r.status, 400) << c.what << ": " << r.body;
    EXPECT_NE(r.json()["detail"].get<std::string>().find(c.expect), std::string::npos) << c.what << ": " << r.body;
  }
  EXPECT_EQ(server_->http().get(base(), token_).body.find("zip bomb"), std::string::npos) << "nothing half-stored";
}

long long proc_status_kb(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::stoll(line.substr(field.size() + 1));
  return -1;
}

TEST_F(Products, AnUploadIsHeldInMemoryOnce) {
  // 10 MB of UTF-8 text: the transport's buffer is the only copy (parts, storage and extraction use views).
  std::string text;
  while (text.size() < 10'000'000) text += "WeldBot X2 cuts cycle time and rework for small metal shops.\n";
  pid_t pid = server_->process().pid();
  std::ofstream("/proc/" + std::to_string(pid) + "/clear_refs") << "5";  // restart the peak (VmHWM) here
  long long before = proc_status_kb(pid, "VmRSS");
  ASSERT_EQ(upload("Big", "big.txt", text).status, 200);
  long long growth_mb = (proc_status_kb(pid, "VmHWM") - before) / 1024;
  std::printf("[ memory ] peak grew %lld MB for a %zu MB upload\n", growth_mb, text.size() / 1'000'000);
  EXPECT_LT(growth_mb, 15) << "the upload was copied";
}

// Regression (issue 11.17): invalid UTF-8 in a multipart product name was stored, and every preview or
// enrich with that product then answered 500. Form fields are repaired as text files are.
TEST_F(Products, InvalidUtf8InTheFormIsReadAsWindows1252) {
  auto r = upload("Caf\xE9 Machine \xFF", "men\xFC.txt", "An espresso machine for cafes.");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["product_name"], "Caf\xC3\xA9 Machine \xC3\xBF");
  EXPECT_EQ(r.json()["original_filename"], "men\xC3\xBC.txt");
  auto product = r.json()["id"].get<std::string>();
  auto lead = server_->http().post_json("/api/companies/" + company_ + "/leads",
                                        {{"name", "Barista Bo"}, {"email", "bo@cafe.example"}}, token_);
  ASSERT_EQ(lead.status, 200) << lead.body;
  auto preview =
      server_->http().get("/api/companies/" + company_ + "/leads/" + lead.json()["data"]["id"].get<std::string>() +
                              "/emailscript?product_id=" + product,
                          token_);
  EXPECT_EQ(preview.status, 200) << preview.body;
}

TEST_F(Products, OversizedMissingAndWrongTypeRequests) {
  auto r = upload("Huge", "huge.txt", std::string(21 * 1024 * 1024, 'a'));
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("20971520"), std::string::npos);

  r = server_->http().post_multipart(base(), {}, "x.txt", "text", token_);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["detail"][0]["loc"], nlohmann::json({"body", "product_name"}));
  r = server_->http().post_multipart(base(), {{"product_name", "No file"}}, "", "", token_);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["detail"][0]["loc"], nlohmann::json({"body", "file"}));
  r = server_->http().post_json(base(), {{"product_name", "json"}}, token_);
  EXPECT_EQ(r.status, 415);
  auto h = bearer(token_);
  h["Content-Type"] = "multipart/form-data; boundary=abc";
  r = server_->http().request("POST", base(), "--abc\r\nno end of headers", h);
  EXPECT_EQ(r.status, 422);
}

}  // namespace
}  // namespace reach::test
