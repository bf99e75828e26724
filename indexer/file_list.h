// The input files of a run, held compactly: an archive can be millions of files, and a
// vector of InputFile costs a string (and its own allocation) per file.  Immutable once
// made, so every thread of the run may read it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/reader.h"

namespace ndx {

class FileList {
  public:
    FileList() = default;
    // Takes the listed files, in their order, and frees the list.
    explicit FileList(std::vector<InputFile> files) {
        std::size_t chars = 0;
        for (const InputFile& f : files) chars += f.path.size();
        paths_.reserve(chars);
        ends_.reserve(files.size());
        sizes_.reserve(files.size());
        mtimes_.reserve(files.size());
        for (const InputFile& f : files) {
            paths_ += f.path;
            ends_.push_back(paths_.size());
            sizes_.push_back(f.size);
            mtimes_.push_back(f.mtime_ns);
            bytes_ += f.size;
        }
        std::vector<InputFile>().swap(files);
    }

    std::size_t size() const { return ends_.size(); }
    // File i as listed (its path as given).
    InputFile operator[](std::size_t i) const {
        return {std::string(path(i)), sizes_[i], mtimes_[i]};
    }
    std::string_view path(std::size_t i) const {
        const std::size_t from = i ? ends_[i - 1] : 0;
        return std::string_view(paths_).substr(from, ends_[i] - from);
    }
    // The sizes of all the files, added up.
    std::uintmax_t bytes() const { return bytes_; }

  private:
    std::string paths_;  // every path, one after the other
    std::vector<std::size_t> ends_;
    std::vector<std::uintmax_t> sizes_;
    std::vector<std::int64_t> mtimes_;
    std::uintmax_t bytes_ = 0;
};

}  // namespace ndx
