// The error hierarchy thrown by the ndx library.  Tools map these to exit codes.
#pragma once

#include <stdexcept>
#include <string>

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

}  // namespace ndx
