// Facet extraction: Article -> Facets (speakers, locations, groups), with evidence.
#pragma once

#include <memory>

#include "common/article.h"
#include "extract/gazetteer.h"
#include "extract/tagger.h"

namespace ndx {

// Extracts the entity facets of articles.  Stateless between articles and safe to use
// from several threads at once (the gazetteer is read-only).
class Extractor {
  public:
    // Loads the speaker word lists (WordLists::get()) if no extractor did: throws
    // InputError naming the file and line of a bad entry.  Without a tagger, names come
    // from the gazetteers and the forms of names only.
    explicit Extractor(const Gazetteer& gazetteer, std::shared_ptr<const Tagger> tagger = nullptr);

    // Speakers (people quoted or reported), locations (gazetteer places, with their
    // parents) and groups (gazetteer organisations, organisation-shaped names and
    // acronyms the article defines), each with the sentence or span that gave it.  No
    // key, nor the key of an alias, is longer than 160 bytes.
    Facets extract(const Article& article) const;

  private:
    const Gazetteer& gaz_;
    std::shared_ptr<const Tagger> tagger_;  // shared by every worker (read-only)
};

}  // namespace ndx
