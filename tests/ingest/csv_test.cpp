// CSV reading and header mapping on the nasty files lead lists really are.
#include <gtest/gtest.h>

#include <sstream>

#include "ingest/csv_reader.hpp"
#include "ingest/lead_columns.hpp"

namespace reach {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text, char* delimiter = nullptr) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  CsvRecord r;
  while (reader.next(r)) {
    EXPECT_EQ(r.number, rows.size() + 1);
    rows.push_back(r.fields);
  }
  if (delimiter) *delimiter = reader.delimiter();
  return rows;
}

TEST(CsvReader, QuotedDelimitersLineBreaksAndQuotes) {
  auto rows = read_all(
      "name,notes,email\r\n"
      "\"Smith, Ada\",\"line one\nline two\",ada@example.com\r\n"
      "\"Bob \"\"The Builder\"\"\",,bob@example.com\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"Smith, Ada", "line one\nline two", "ada@example.com"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"Bob \"The Builder\"", "", "bob@example.com"}));
}

TEST(CsvReader, SniffsSemicolonTabAndPipeAndStripsTheBom) {
  char d = 0;
  auto rows = read_all("\xEF\xBB\xBFName;E-Mail;Company\nAda;ada@example.com;Acme, Inc.\n", &d);
  EXPECT_EQ(d, ';');
  EXPECT_EQ(rows[0][0], "Name") << "no BOM in the first header";
  EXPECT_EQ(rows[1][2], "Acme, Inc.");
  rows = read_all("name\temail\n  Ada Lovelace \tada@example.com\n", &d);
  EXPECT_EQ(d, '\t');
  EXPECT_EQ(rows[1][0], "Ada Lovelace") << "spaces trimmed, tabs are delimiters";
  rows = read_all("name|email\nAda|ada@example.com\n", &d);
  EXPECT_EQ(d, '|');
  EXPECT_EQ(rows[1][1], "ada@example.com");
}

TEST(CsvReader, ReadsWindows1252FieldsAsUtf8) {
  auto rows = read_all("name,city\nJos\xE9 M\xFCller,Z\xFCrich\n");
  EXPECT_EQ(rows[1][0], "Jos\xC3\xA9 M\xC3\xBCller");
  EXPECT_EQ(rows[1][1], "Z\xC3\xBCrich");
}

TEST(CsvReader, KeepsRaggedRowsForTheCallerToReport) {
  auto rows = read_all("a,b,c\n1,2\n1,2,3,4\n");
  EXPECT_EQ(rows[1].size(), 2u);
  EXPECT_EQ(rows[2].size(), 4u);
}

TEST(CsvReader, StreamsLargeFilesRecordByRecord) {
  std::string text = "name,email\n";
  for (int i = 0; i < 50000; ++i) text += "Lead " + std::to_string(i) + ",lead" + std::to_string(i) + "@example.com\n";
  std::istringstream in(text);
  CsvReader reader(in);
  CsvRecord r;
  std::size_t n = 0;
  while (reader.next(r)) ++n;
  EXPECT_EQ(n, 50001u);
  EXPECT_EQ(r.fields[1], "lead49999@example.com");
}

TEST(CsvReader, RefusesBinaryAndRunawayQuotes) {
  std::istringstream bin(std::string("PK\x03\x04\0\0binary", 12));
  CsvReader a(bin);
  CsvRecord r;
  EXPECT_THROW(a.next(r), CsvError);
  std::istringstream runaway("name,notes\nAda,\"" + std::string(3000, 'x'));
  CsvReader b(runaway, 1000);
  EXPECT_THROW(while (b.next(r)){}, CsvError);
}

// Regression (issue 11.6): a 19.5 MB file of commas peaked at 2 GB: empty fields cost nothing against
// the record limit, so one line held millions of them.
TEST(CsvReader, RefusesRecordsOfTooManyFieldsAndLinesOfCommas) {
  CsvRecord r;
  std::istringstream wide("name,email" + std::string(5000, ',') + "\nAda,ada@example.com\n");
  CsvReader a(wide);
  try {
    a.next(r);
    ADD_FAILURE() << "a header of 5,002 columns was read";
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find("more than 1000 fields"), std::string::npos) << e.what();
  }
  std::istringstream commas("name,email\n" + std::string(4 << 20, ','));
  CsvReader b(commas);
  ASSERT_TRUE(b.next(r));
  EXPECT_THROW(b.next(r), CsvError) << "a line of four million commas is four million fields";
  std::istringstream ok("name,email" + std::string(998, ',') + "\n");
  CsvReader c(ok);
  ASSERT_TRUE(c.next(r));
  EXPECT_EQ(r.fields.size(), 1000u);
}

TEST(LeadColumns, MapsTheHeadersLeadListsUse) {
  auto m = map_headers({"First Name", "Last Name", "E-mail Address", "Work Email", "Mobile Phone", "Company Name",
                        "Title", "Person Linkedin Url", "# Employees", "Favourite Colour", ""});
  EXPECT_EQ(m.columns[0], LeadField::first_name);
  EXPECT_EQ(m.columns[1], LeadField::last_name);
  EXPECT_EQ(m.columns[2], LeadField::email);
  EXPECT_EQ(m.columns[3], std::nullopt) << "email is taken by the first email column";
  EXPECT_EQ(m.columns[4], LeadField::mobile);
  EXPECT_EQ(m.columns[5], LeadField::company);
  EXPECT_EQ(m.columns[6], LeadField::job_title);
  EXPECT_EQ(m.columns[7], LeadField::personal_linkedin_url);
  EXPECT_EQ(m.columns[8], LeadField::company_size);
  EXPECT_EQ(m.unmapped, (std::vector<std::string>{"Work Email", "Favourite Colour"}));
  EXPECT_TRUE(m.name_from_parts());
}

TEST(LeadColumns, FallsBackToKeywordsForUnknownHeaders) {
  EXPECT_EQ(field_for_header("Prospect's E-Mail (verified)"), LeadField::email);
  EXPECT_EQ(field_for_header("HQ Telephone #"), LeadField::phone_number);
  EXPECT_EQ(field_for_header("LinkedIn Profile Link"), LeadField::personal_linkedin_url);
  EXPECT_FALSE(field_for_header("Company LinkedIn Page")) << "not the person's profile";
  EXPECT_EQ(field_for_header("EMAIL"), LeadField::email);
  EXPECT_EQ(field_for_header("Full Name"), LeadField::name);
  EXPECT_FALSE(field_for_header("Notes"));
  auto m = map_headers({"Name", "First Name"});
  EXPECT_FALSE(m.name_from_parts()) << "a full-name column wins";
}

}  // namespace
}  // namespace reach
