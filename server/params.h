// Reading the parameters of an API request (server/params.cc).
#pragma once

#include <string>
#include <vector>

#include "common/schema.h"
#include "server/api.h"

namespace ndx::serve {

// Every value of a parameter, in the order given.
std::vector<std::string> all_of(const Params& p, const std::string& name);

// The one value of a parameter given at most once ("" when absent).
std::string one_of(const Params& p, const std::string& name);

// A facet a view is over (speaker, location, group); UsageError naming --NAME otherwise.
Facet facet_param(const std::string& name, const std::string& v);

}  // namespace ndx::serve
