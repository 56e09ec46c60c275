#include "domain/job.hpp"

namespace reach {

std::string_view job_status_name(JobStatus s) {
  switch (s) {
    case JobStatus::queued:
      return "queued";
    case JobStatus::running:
      return "running";
    case JobStatus::done:
      return "done";
    case JobStatus::dead:
      return "dead";
  }
  return "unknown";
}

}  // namespace reach
