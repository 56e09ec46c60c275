// A plain TCP connection to a loopback port, for tests that must send what an HTTP client library
// would not: headers without their body, a body in pieces, connections held open and idle.
#pragma once
#include <string>

namespace reach::test {

class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // False when the peer has closed or reset the connection.
  bool send(const std::string& bytes);
  // What arrives within timeout_ms (until the peer closes, or nothing more comes for 200 ms after the first byte).
  std::string receive(int timeout_ms);
  // True when the peer closed (or reset) the connection within timeout_ms.
  bool closed_by_peer(int timeout_ms);

 private:
  int fd_ = -1;
};

// The status code of the first HTTP response in `raw` (0 when there is none).
int status_of(const std::string& raw);

}  // namespace reach::test
