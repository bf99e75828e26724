// The input files of a run, held compactly: an archive can be millions of files, and a
// vector of InputFile costs a string (and its own allocation) per file.  Immutable once
// made, so every thread of the run may read it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/reader.h"

namespace ndx {

// The paths are front-coded: listed files are sorted, so a path mostly repeats the one
// before it ("…/files/00123/0012345.json" after "…/0012344.json"), and each is stored as
// the number of bytes it shares with the one before and the bytes that follow, every
// kBlock-th path in full so that any path is rebuilt from at most kBlock of them.
class FileList {
  public:
    FileList() = default;
    // Takes the listed files, in their order, and frees the list.
    explicit FileList(std::vector<InputFile> files) {
        sizes_.reserve(files.size());
        mtimes_.reserve(files.size());
        blocks_.reserve(files.size() / kBlock + 1);
        const std::string* before = nullptr;
        for (const InputFile& f : files) {
            std::size_t shared = 0;
            if (sizes_.size() % kBlock == 0) {
                blocks_.push_back(data_.size());
            } else {
                const std::size_t most = std::min(before->size(), f.path.size());
                while (shared < most && (*before)[shared] == f.path[shared]) ++shared;
            }
            put(shared);
            put(f.path.size() - shared);
            data_.append(f.path, shared, std::string::npos);
            sizes_.push_back(f.size);
            mtimes_.push_back(f.mtime_ns);
            bytes_ += f.size;
            before = &f.path;
        }
        data_.shrink_to_fit();
        std::vector<InputFile>().swap(files);
    }

    std::size_t size() const { return sizes_.size(); }
    // File i as listed (its path as given).
    InputFile operator[](std::size_t i) const { return {path(i), sizes_[i], mtimes_[i]}; }
    std::string path(std::size_t i) const {
        std::string out;
        std::size_t at = blocks_[i / kBlock];
        for (std::size_t n = i - i % kBlock; n <= i; ++n) {
            const std::size_t shared = get(at), rest = get(at);
            out.resize(shared);
            out.append(data_, at, rest);
            at += rest;
        }
        return out;
    }
    // The sizes of all the files, added up.
    std::uintmax_t bytes() const { return bytes_; }

  private:
    static constexpr std::size_t kBlock = 16;
    // numbers as 7 bits a byte, low bits first, the high bit set on all but the last
    void put(std::size_t n) {
        for (; n >= 0x80; n >>= 7) data_ += static_cast<char>(0x80 | (n & 0x7f));
        data_ += static_cast<char>(n);
    }
    std::size_t get(std::size_t& at) const {
        std::size_t n = 0;
        for (unsigned shift = 0;; shift += 7) {
            const auto byte = static_cast<unsigned char>(data_[at++]);
            n |= static_cast<std::size_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return n;
        }
    }

    std::string data_;                 // the paths, front-coded
    std::vector<std::size_t> blocks_;  // where every kBlock-th path starts in data_
    std::vector<std::uintmax_t> sizes_;
    std::vector<std::int64_t> mtimes_;
    std::uintmax_t bytes_ = 0;
};

}  // namespace ndx
