// The error hierarchy thrown by the ndx library.  Tools map these to exit codes.
#pragma once

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>

namespace ndx {

// Base of every error the library throws on purpose.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A bad input file or record: the message names the file and the line or byte.
class InputError : public Error {
  public:
    using Error::Error;
};

// A query or filter the user gave that cannot be run (exit 2).
class QueryError : public Error {
  public:
    using Error::Error;
};

// A usage error in options (exit 2).
class UsageError : public Error {
  public:
    using Error::Error;
};

// The database is missing, locked, of another schema, or failed (exit 1, or 2 if missing).
class IndexError : public Error {
  public:
    using Error::Error;
};

// No index at the given place: the user should run ndx-index first (exit 2).
class MissingIndexError : public IndexError {
  public:
    using IndexError::IndexError;
};

// The value of a choice option (`--sort date`): the value of the choice named `v` in
// `choices` (pairs of name and value), or a UsageError that lists the names.
template <typename Choices>
auto parse_choice(const std::string& option, const std::string& v, const Choices& choices) {
    std::string names;
    for (const auto& [name, value] : choices) {
        if (v == name) return value;
        names += names.empty() ? name : std::string(", ") + name;
    }
    throw UsageError("--" + option + ": '" + v + "' is not one of " + names);
}

template <typename E>
E parse_choice(const std::string& option, const std::string& v,
               std::initializer_list<std::pair<const char*, E>> choices) {
    return parse_choice<std::initializer_list<std::pair<const char*, E>>>(option, v, choices);
}

}  // namespace ndx
