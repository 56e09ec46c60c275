#include "leads/lead_importer.hpp"

#include <algorithm>
#include <future>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "domain/validation.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/lead_columns.hpp"
#include "leads/contact_rules.hpp"
#include "leads/lead_merge.hpp"
#include "util/random.hpp"
#include "util/time_format.hpp"

namespace reach {
namespace {

struct RowOutcome {
  std::optional<Lead> lead;
  std::optional<std::string> skip_reason;
};

std::string raw_json(const std::vector<std::string>& headers, const std::vector<std::string>& fields) {
  nlohmann::json raw = nlohmann::json::object();
  for (std::size_t i = 0; i < fields.size(); ++i)
    raw[i < headers.size() && !headers[i].empty() ? headers[i] : "column " + std::to_string(i + 1)] = fields[i];
  return raw.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// One data row → a lead, or the reason it cannot be one.
RowOutcome lead_from_row(const HeaderMapping& m, const std::vector<std::string>& fields, const PhoneNormalizer& phones,
                         const std::string& company_id, const std::string& task_id) {
  if (fields.size() != m.columns.size())
    return {std::nullopt, "The row has " + std::to_string(fields.size()) + " fields but the header has " +
                              std::to_string(m.columns.size()) + " (a stray delimiter or quote?)"};
  Lead l;
  l.company_id = company_id;
  l.field(LeadField::upload_task_id) = task_id;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!m.columns[i]) continue;
    std::string v = trim(fields[i]);
    if (v.empty()) continue;
    LeadField field = *m.columns[i];
    if (field == LeadField::name)
      l.name = v;
    else
      l.field(field) = is_json_lead_field(field) ? nlohmann::json(v).dump() : v;
  }
  if (l.name.empty())
    l.name = trim(l.field(LeadField::first_name).value_or("") + " " + l.field(LeadField::last_name).value_or(""));
  if (l.name.empty()) return {std::nullopt, "No name: a name column, or first and last name, is required"};

  // An invalid value on a reachable row is dropped; it only matters when nothing reachable is left.
  auto problems = normalise_contacts(l, phones);
  if (reachable(l)) return {l, std::nullopt};
  std::string reason = "No valid email or phone number";
  for (std::size_t i = 0; i < problems.size(); ++i)
    reason += (i == 0 ? " (" : "; ") + problems[i].field + " '" + problems[i].value + "' is not a valid " +
              (problems[i].field == "email" ? "address" : "phone number") + (i + 1 == problems.size() ? ")" : "");
  return {std::nullopt, reason};
}

constexpr std::size_t kSampleRows = 5;  // shown to the model when it maps headers
// Leads an import must add before the planner's statistics are refreshed: a fresh million-lead
// company otherwise searched by a full scan until autovacuum came by.
constexpr long long kRefreshStatisticsAfter = 1000;

bool looks_like_data(const std::vector<std::string>& header) {
  for (const auto& h : header)
    if (normalize_email(h)) return true;
  return false;
}

}  // namespace

struct PendingLead {
  long long row_number;
  std::vector<std::string> fields;  // for the skipped-row record, should the lead turn out not to be saved
  Lead lead;
};

struct LeadImporter::Batch {
  const std::vector<std::string>* headers = nullptr;
  std::vector<PendingLead> leads;
  std::vector<SkippedRow> skipped;
  std::vector<Lead> fresh;  // flush() moves the leads it inserts here (freed with the batch)
  long long last_row = 0;   // the last data row read into this batch
  std::size_t size() const { return leads.size() + skipped.size(); }
};

namespace {

// Writes one batch on a second thread while the next is read: reading rows (CSV, phone numbers) and
// writing them (indexes, search) cost about the same, so with two cores an import takes the longer of
// the two instead of their sum. At most one batch is in flight, so memory holds two batches.
// A written batch goes back to the reading thread, which frees it while the next one is written: the
// writer is the slower of the two, and freeing a batch's strings took it 5 ms a batch (a million
// leads: 1 s).
template <class Batch>
class BatchWriter {
 public:
  BatchWriter() = default;
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;
  ~BatchWriter() {
    if (inflight_.valid()) inflight_.wait();
  }
  // Starts writing a batch (`write` returns it once written), after wait() took the previous one.
  template <class Write>
  void submit(Write&& write) {
    if (inflight_.valid()) throw std::logic_error("BatchWriter: submit() before wait() took the batch in flight");
    inflight_ = std::async(std::launch::async, std::forward<Write>(write));
  }
  // Until the batch in flight is committed; its error, if any, is thrown here. Returns that batch.
  std::optional<Batch> wait() {
    if (!inflight_.valid()) return std::nullopt;
    return inflight_.get();
  }

 private:
  std::future<Batch> inflight_;
};

}  // namespace

UploadTask LeadImporter::start(const std::string& company_id, const std::string& user_id, const std::string& filename,
                               std::string_view csv) {
  return record_upload(company_id, user_id, filename,
                       [&](const std::string& key) { d_.blobs.put(kLeadUploadsBucket, key, csv); });
}

UploadTask LeadImporter::start(const std::string& company_id, const std::string& user_id, const std::string& filename,
                               std::istream& csv) {
  return record_upload(company_id, user_id, filename,
                       [&](const std::string& key) { d_.blobs.put_stream(kLeadUploadsBucket, key, csv); });
}

UploadTask LeadImporter::record_upload(const std::string& company_id, const std::string& user_id,
                                       const std::string& filename,
                                       const std::function<void(const std::string&)>& store) {
  UploadTask t;
  t.id = new_uuid(d_.rng);
  t.company_id = company_id;
  t.user_id = user_id;
  t.file_name = filename;
  t.blob_key = company_id + "/" + t.id + "/" + safe_file_name(filename);
  t.created_at = t.updated_at = d_.clock.now();
  store(t.blob_key);
  d_.tasks.insert(t);
  d_.jobs.enqueue(
      new_uuid(d_.rng),
      NewJob{kLeadImportJob, nlohmann::json{{"task_id", t.id}}.dump(), "leads.import:" + t.id, 5, std::nullopt},
      t.created_at);
  spdlog::info("lead_upload_received task_id={} company_id={}", t.id, company_id);
  return t;
}

void LeadImporter::flush(ImportWrites& tx, const UploadTask& task, Batch& batch, ImportProgress& progress) {
  auto now = d_.clock.now();
  tx.run([&](ImportWrites::Batch& writes) {
    // New leads first, then the rows that match a lead (seen before, or earlier in this batch), in order.
    // A lead without email may be a lead that has one (same phone and name), which no unique index
    // catches: it is looked up before the insert, or, when the batch has that phone and name earlier,
    // after it.
    std::vector<Lead>& fresh = batch.fresh;
    std::unordered_map<std::size_t, Lead> matched;  // rows without email that matched a lead by phone and name
    constexpr std::size_t kNotFresh = static_cast<std::size_t>(-1);
    std::vector<std::size_t> fresh_index(batch.leads.size(), kNotFresh);  // batch.leads[i] is fresh[fresh_index[i]]
    std::unordered_set<std::string> phone_names;                          // of the leads before this one in the batch
    BufferedRng ids(d_.rng);
    fresh.reserve(batch.leads.size());
    for (std::size_t i = 0; i < batch.leads.size(); ++i) {
      Lead& l = batch.leads[i].lead;
      const auto& phone = l.field(LeadField::phone_number);
      bool seen_in_batch = phone && !phone_names.insert(*phone + '\n' + l.name).second;
      if (!l.field(LeadField::email)) {
        if (seen_in_batch) continue;  // matched after the insert
        if (auto found = writes.find_duplicate(l)) {
          matched.emplace(i, std::move(*found));
          continue;
        }
      }
      l.id = new_time_ordered_uuid(ids, unix_millis(d_.clock.now()));
      l.created_at = now;
      fresh_index[i] = fresh.size();
      fresh.push_back(std::move(l));
    }
    auto inserted = writes.insert(task.company_id, fresh);
    // The rows that matched a lead: looked up together, merged in file order in memory (a lead matched
    // by several rows takes each in turn), written together.
    std::vector<std::size_t> matching;
    std::vector<const Lead*> to_find;
    for (std::size_t i = 0; i < batch.leads.size(); ++i) {
      bool is_fresh = fresh_index[i] != kNotFresh;
      if (is_fresh && inserted[fresh_index[i]]) {
        ++progress.leads_created;
        continue;
      }
      matching.push_back(i);
      if (!matched.count(i)) to_find.push_back(is_fresh ? &fresh[fresh_index[i]] : &batch.leads[i].lead);
    }
    auto found = writes.find_duplicates(task.company_id, to_find);
    std::vector<LeadStore::Change> changes;
    std::unordered_map<std::string, std::size_t> change_of;  // lead id → its entry in changes
    std::size_t next_found = 0;
    for (auto i : matching) {
      bool is_fresh = fresh_index[i] != kNotFresh;
      const Lead& l = is_fresh ? fresh[fresh_index[i]] : batch.leads[i].lead;
      auto by_phone = matched.find(i);
      auto existing =
          by_phone != matched.end() ? std::optional<Lead>(std::move(by_phone->second)) : std::move(found[next_found++]);
      auto skip_deleted = [&] {
        batch.skipped.push_back({batch.leads[i].row_number, "Matches a deleted lead; not re-imported",
                                 raw_json(*batch.headers, batch.leads[i].fields)});
      };
      if (!existing) {  // the lead it collided with is gone from the listing: deleted
        skip_deleted();
        continue;
      }
      auto [at, first] = change_of.emplace(existing->id, changes.size());
      if (first) changes.push_back({*existing, *existing});
      auto outcome = on_match(std::move(changes[at->second].after), l, LeadArrival::import_row);
      if (outcome.kind == LeadMatchOutcome::Kind::skip) {  // a deleted lead: never in `changes` before
        changes.pop_back();
        change_of.erase(at);
        skip_deleted();
        continue;
      }
      changes[at->second].after = std::move(outcome.lead);
      ++progress.leads_updated;
    }
    writes.write_changes(changes, now);
    for (const auto& row : batch.skipped) writes.add_skipped(task.id, row);
    progress.leads_skipped += static_cast<long long>(batch.skipped.size());
    progress.rows_processed = std::max(progress.rows_processed, batch.last_row);
    writes.save_progress(task.id, progress, now);
  });
  if (tx.age() >= d_.commit_every) tx.commit();  // the checkpoint a restart resumes from
}

HeaderMapping LeadImporter::settle_mapping(const UploadTask& task, const std::vector<std::string>& headers,
                                           const std::vector<CsvRecord>& first_rows) {
  auto mapping = map_headers(headers);
  if (!mapping.unmapped.empty() && d_.advise_headers) {
    std::vector<std::vector<std::string>> samples;
    samples.reserve(first_rows.size());
    for (const auto& rec : first_rows) samples.push_back(rec.fields);
    d_.advise_headers(task.company_id, headers, samples, mapping);
  }
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& field : mapping.columns) fields.push_back(field ? nlohmann::json(lead_field_name(*field)) : nullptr);
  d_.tasks.save_mapping(task.id, fields.dump(), nlohmann::json(mapping.unmapped).dump(), d_.clock.now());
  return mapping;
}

HeaderMapping LeadImporter::saved_mapping(const UploadTask& task, const std::vector<std::string>& headers) {
  HeaderMapping mapping;
  for (const auto& field : nlohmann::json::parse(*task.column_fields))
    mapping.columns.push_back(field.is_string() ? column_field_named(field.get<std::string>()) : std::nullopt);
  mapping.recount_unmapped(headers);
  return mapping;
}

void LeadImporter::run(const std::string& task_id, JobContext& ctx) {
  auto task = d_.tasks.find(task_id);
  if (!task) throw PermanentJobError("upload task " + task_id + " does not exist");
  if (finished(task->status)) return;
  auto fail = [&](const std::string& reason) {
    d_.tasks.set_status(task_id, UploadStatus::failed, reason, d_.clock.now());
    spdlog::warn("lead_import_failed task_id={} reason=\"{}\"", task_id, reason);
  };
  d_.tasks.set_status(task_id, UploadStatus::processing, std::nullopt, d_.clock.now());
  auto in = d_.blobs.open(kLeadUploadsBucket, task->blob_key);
  if (!in) return fail("The uploaded file is missing from storage");
  // The batches' transaction; outlives the writer, which finishes the batch in flight first.
  ImportWrites tx(d_.db, d_.leads, d_.tasks);
  BatchWriter<Batch> writer;  // flush() runs there; `progress` is only touched by the batch being written
  ImportProgress progress{task->rows_processed, task->leads_created, task->leads_updated, task->leads_skipped};
  try {
    CsvReader reader(*in);
    CsvRecord header;
    if (!reader.next(header)) return fail("The file is empty");
    if (looks_like_data(header.fields))
      return fail("The first row holds data, not column names: add a header row (e.g. name,email,phone_number)");
    // The first rows are read before the mapping is settled: the model is shown samples of them.
    std::vector<CsvRecord> first(kSampleRows);
    std::size_t first_count = 0;
    while (first_count < first.size() && reader.next(first[first_count])) ++first_count;
    first.resize(first_count);
    auto mapping =
        task->column_fields ? saved_mapping(*task, header.fields) : settle_mapping(*task, header.fields, first);
    if (!mapping.column_of(LeadField::email) && !mapping.column_of(LeadField::phone_number) &&
        !mapping.column_of(LeadField::mobile))
      return fail("No email or phone column in the header row; found: " + nlohmann::json(header.fields).dump());

    Batch batch{&header.fields};
    auto take = [&](CsvRecord& rec) {
      long long data_row = static_cast<long long>(rec.number) - 1;
      if (data_row <= task->rows_processed) return;  // done before a restart
      auto outcome = lead_from_row(mapping, rec.fields, d_.phones, task->company_id, task_id);
      auto row_number = static_cast<long long>(rec.number);
      if (outcome.lead)
        batch.leads.push_back({row_number, std::move(rec.fields), std::move(*outcome.lead)});
      else
        batch.skipped.push_back({row_number, *outcome.skip_reason, raw_json(header.fields, rec.fields)});
      batch.last_row = data_row;
      if (batch.size() < d_.batch_rows) return;
      auto written = writer.wait();  // the previous batch is written
      if (ctx.stopping()) {
        tx.commit();
        throw JobInterrupted();  // resume later from the checkpoint just committed
      }
      writer.submit([this, &tx, &task, &progress, full = std::move(batch)]() mutable {
        flush(tx, *task, full, progress);
        return std::move(full);
      });
      batch = Batch{&header.fields};
      written.reset();  // freed here, while the writer works
    };
    for (auto& rec : first) take(rec);
    CsvRecord rec;
    while (reader.next(rec)) take(rec);
    writer.wait();
    flush(tx, *task, batch, progress);
    tx.commit();
  } catch (const CsvError& e) {
    writer.wait();
    tx.commit();  // the rows before the broken one stay imported
    return fail(std::string("The file cannot be read as CSV: ") + e.what());
  }
  d_.tasks.set_status(task_id, UploadStatus::completed, std::nullopt, d_.clock.now());
  spdlog::info("lead_import_completed task_id={} leads_created={} leads_updated={} leads_skipped={}", task_id,
               progress.leads_created, progress.leads_updated, progress.leads_skipped);
  if (progress.leads_created - task->leads_created >= kRefreshStatisticsAfter) {
    try {
      d_.leads.refresh_statistics();
    } catch (const std::exception& e) {
      spdlog::warn("lead_statistics_not_refreshed task_id={} reason=\"{}\"", task_id, e.what());
    }
  }
}

}  // namespace reach
