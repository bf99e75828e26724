// ndx-index's progress line on stderr, and the messages printed above it.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace ndx {

// The progress line on stderr: bytes read (so one large file shows progress too), files
// and articles, redrawn at most five times a second; messages print above it.  Cleared
// with spaces rather than an escape sequence, so that TERM=dumb terminals show it right.
class Progress {
  public:
    Progress(bool on, std::ostream& err, std::uintmax_t total_bytes, std::size_t total_files)
        : on_(on), err_(err), total_bytes_(total_bytes), total_files_(total_files) {}
    void update(std::size_t files, std::size_t articles, std::uintmax_t bytes, bool force = false);
    // A warning or error: on its own line above the progress line.
    void message(const std::string& text) {
        std::lock_guard lock(m_);
        const std::string shown = shown_;
        if (!shown.empty()) draw("");
        err_ << text << "\n";
        if (!shown.empty()) draw(shown);
        err_.flush();
    }
    void done() {
        std::lock_guard lock(m_);
        if (!shown_.empty()) draw("");
    }

  private:
    void draw(const std::string& line) {
        err_ << "\r" << line;
        if (line.size() < shown_.size())
            err_ << std::string(shown_.size() - line.size(), ' ') << "\r" << line;
        err_ << std::flush;
        shown_ = line;
    }
    bool on_;
    std::ostream& err_;
    std::uintmax_t total_bytes_;
    std::size_t total_files_;
    std::mutex m_;
    std::string shown_;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace ndx
