// The place hierarchy and names of the built-in gazetteer (iso-codes, libgeonames,
// data/geonames-admin1.tsv, data/places.tsv).
#include "extract/gazetteer.h"

#include <unistd.h>

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/normalize.h"

namespace {

const ndx::Gazetteer& gazetteer() {
    static const ndx::Gazetteer g = ndx::Gazetteer::load(ndx::GazetteerSources{});
    return g;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "/") + x;
    return s;
}

// Paths of the cities named `name` (display names from the country down).
std::vector<std::string> city_paths(const ndx::Gazetteer& g, const std::string& name) {
    std::vector<std::string> out;
    if (const ndx::NameEntry* e = g.find(ndx::entity_key(name)))
        for (int p : e->places)
            if (g.places()[static_cast<std::size_t>(p)].type == "city")
                out.push_back(join(g.path_names(p)));
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_CASE("nearly every GeoNames city lies in a province of its country") {
    const ndx::Gazetteer& g = gazetteer();
    std::size_t cities = 0, placed = 0;
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < g.places().size(); ++i) {
        const ndx::Place& p = g.places()[i];
        if (p.type != "city" || p.population == 0) continue;  // libgeonames cities
        ++cities;
        const auto kinds = g.path_kinds(static_cast<int>(i));
        if (kinds.size() >= 3)
            ++placed;
        else if (missing.size() < 400)
            missing.push_back(join(g.path_names(static_cast<int>(i))));
    }
    const double share =
        cities ? 100.0 * static_cast<double>(placed) / static_cast<double>(cities) : 0;
    std::printf("cities with a province: %zu of %zu (%.2f %%)\n", placed, cities, share);
    INFO("some without: " << join(missing));
    CHECK(cities > 20000);
    CHECK(share >= 99.0);
}

TEST_CASE("cities are placed by GeoNames admin1 code mapped to ISO 3166-2") {
    const ndx::Gazetteer& g = gazetteer();
    CHECK(has(city_paths(g, "Karachi"), "Pakistan/Sindh/Karachi"));
    CHECK(has(city_paths(g, "Sukkur"), "Pakistan/Sindh/Sukkur"));
    CHECK(has(city_paths(g, "Larkana"), "Pakistan/Sindh/Larkana"));
    CHECK(has(city_paths(g, "Hyderabad"), "Pakistan/Sindh/Hyderabad"));
    CHECK(has(city_paths(g, "Hyderabad"), "India/Telangana/Hyderabad"));
    CHECK(has(city_paths(g, "Quetta"), "Pakistan/Balochistan/Quetta"));
    CHECK(has(city_paths(g, "Lucknow"), "India/Uttar Pradesh/Lucknow"));
    CHECK(has(city_paths(g, "Tehran"), "Iran/Tehran/Tehran"));
    CHECK(has(city_paths(g, "Baghdad"), "Iraq/Baghdad/Baghdad"));
    CHECK(has(city_paths(g, "Munich"), "Germany/Bavaria/Munich"));
    CHECK(has(city_paths(g, "Semarang"), "Indonesia/Central Java/Semarang"));
    CHECK(has(city_paths(g, "Lodz"), "Poland/Lodz Voivodeship/Lodz"));
}

TEST_CASE("display names are the names news writes; the accented forms stay names") {
    CHECK(ndx::news_name("Hyderābād") == "Hyderabad");
    CHECK(ndx::news_name("Łódź") == "Lodz");
    CHECK(ndx::news_name("Zürich") == "Zürich");
    CHECK(ndx::news_name("Karachi") == "Karachi");
    const ndx::Gazetteer& g = gazetteer();
    CHECK(g.find(ndx::entity_key("Hyderābād")) != nullptr);
    for (const auto& p : g.places()) CHECK_MESSAGE(p.name.find("ā") == std::string::npos, p.name);
    // a province keeps its iso-codes name as an alias of the English one
    const ndx::NameEntry* bayern = g.find("bayern");
    const ndx::NameEntry* bavaria = g.find("bavaria");
    REQUIRE(bayern);
    REQUIRE(bavaria);
    CHECK(bayern->places.front() == bavaria->places.front());
}

TEST_CASE("a bad line of the admin1 map names its file and line") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "ndx_gazetteer_test";
    fs::create_directories(dir);
    fs::copy_file(NDX_TEST_SOURCE_DATA "/places.tsv", dir / "places.tsv",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(NDX_TEST_SOURCE_DATA "/groups.tsv", dir / "groups.tsv",
                  fs::copy_options::overwrite_existing);
    std::ofstream(dir / "geonames-admin1.tsv")
        << "# comment\nPK.05\tPK-SD\tSindh\tSindh\nPK-SD\tSindh\n";
    ndx::GazetteerSources src;
    src.data_dir = dir.string();
    src.libgeonames = false;
    try {
        (void)ndx::Gazetteer::load(src);
        FAIL("no error");
    } catch (const ndx::InputError& e) {
        CHECK(std::string(e.what()).find("geonames-admin1.tsv:3:") != std::string::npos);
    }
    fs::remove_all(dir);
}

namespace {

// An index that knows the gazetteer's names but holds no article.
const ndx::FacetCatalog& gazetteer_catalog() {
    // removed at exit, after the database (made after it) is closed
    struct TempDir {
        std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("ndx_gazetteer_catalog_" + std::to_string(::getpid()));
        ~TempDir() { std::filesystem::remove_all(path); }
    };
    static const TempDir dir;
    static Xapian::WritableDatabase db = [] {
        Xapian::WritableDatabase w(dir.path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        for (const auto& [k, v] : ndx::gazetteer_metadata(gazetteer())) w.set_metadata(k, v);
        w.commit();
        return w;
    }();
    static const ndx::FacetCatalog catalog(db);
    return catalog;
}

std::vector<std::string> resolved(ndx::Facet f, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& v : gazetteer_catalog().resolve(f, name).values)
        out.push_back(v.path.empty() ? v.value : v.path);
    return out;
}

std::string refusal(ndx::Facet f, const std::string& name) {
    try {
        (void)gazetteer_catalog().resolve(f, name);
    } catch (const ndx::QueryError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("every gazetteer name and alias resolves, though no article used it") {
    using V = std::vector<std::string>;
    CHECK(resolved(ndx::Facet::Location, "Baluchistan") == V{"Pakistan/Balochistan"});
    CHECK(resolved(ndx::Facet::Location, "NWFP") == V{"Pakistan/Khyber Pakhtunkhwa"});
    CHECK(resolved(ndx::Facet::Location, "USA") == V{"United States"});
    CHECK(resolved(ndx::Facet::Location, "Sindh Province") == V{"Pakistan/Sindh"});
    CHECK(resolved(ndx::Facet::Location, "Hyderābād").size() >= 2);
    CHECK(resolved(ndx::Facet::Group, "Pakistani Taliban") == V{"Tehreek-e-Taliban Pakistan"});
}

TEST_CASE("a path selects one of several places of a name") {
    using V = std::vector<std::string>;
    CHECK(resolved(ndx::Facet::Location, "Punjab") == V{"India/Punjab", "Pakistan/Punjab"});
    CHECK(resolved(ndx::Facet::Location, "Pakistan/Punjab") == V{"Pakistan/Punjab"});
    CHECK(resolved(ndx::Facet::Location, "india / punjab") == V{"India/Punjab"});
    // levels may be left out, and any name of a level serves
    CHECK(resolved(ndx::Facet::Location, "Pakistan/Hyderabad") == V{"Pakistan/Sindh/Hyderabad"});
    CHECK(resolved(ndx::Facet::Location, "Sind/Hyderabad") == V{"Pakistan/Sindh/Hyderabad"});
    CHECK(resolved(ndx::Facet::Location, "Pakistan/Sindh/Karachi") == V{"Pakistan/Sindh/Karachi"});
    CHECK(refusal(ndx::Facet::Location, "Narnia/Punjab").rfind("no location 'Narnia/Punjab'", 0) ==
          0);
    CHECK(refusal(ndx::Facet::Location, "India/Karachi").rfind("no location", 0) == 0);
}

TEST_CASE("a name that matches nothing suggests close names, never unrelated ones") {
    const std::string usa = refusal(ndx::Facet::Location, "USAA");
    CHECK(usa.find("did you mean 'United States'") != std::string::npos);
    CHECK(usa.find("Doha") == std::string::npos);
    CHECK(
        refusal(ndx::Facet::Location, "Baluchstan").find("'Balochistan' (Pakistan/Balochistan)") !=
        std::string::npos);
    CHECK(refusal(ndx::Facet::Location, "Xyzzy") == "no location 'Xyzzy' in the index");
    CHECK(refusal(ndx::Facet::Group, "Pakistani Talibn").find("Tehreek-e-Taliban Pakistan") !=
          std::string::npos);
}

TEST_CASE("a GeoNames dump's cities are placed by their admin1 code") {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("ndx_gazetteer_dump_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    // geonameid name asciiname alternatenames lat lon class code cc cc2 admin1 ... population
    auto line = [](const std::string& name, const std::string& ascii, const std::string& cc,
                   const std::string& admin1) {
        return "1\t" + name + "\t" + ascii + "\t\t0\t0\tP\tPPL\t" + cc + "\t\t" + admin1 +
               "\t\t\t\t25000\t\t0\tAsia/Karachi\t2024-01-01\n";
    };
    std::ofstream(dir / "cities.txt") << line("Qāsimābād Khurd", "Qasimabad Khurd", "PK", "05")
                                      << line("Newtown Nowhere", "Newtown Nowhere", "PK", "99");
    ndx::GazetteerSources src;
    src.libgeonames = false;
    src.geonames_dumps = {(dir / "cities.txt").string()};
    const ndx::Gazetteer g = ndx::Gazetteer::load(src);
    fs::remove_all(dir);
    CHECK(city_paths(g, "Qasimabad Khurd") ==
          std::vector<std::string>{"Pakistan/Sindh/Qasimabad Khurd"});
    CHECK(city_paths(g, "Qāsimābād Khurd") ==
          std::vector<std::string>{"Pakistan/Sindh/Qasimabad Khurd"});
    // a code the table lacks, and no admin1 file to name it: the city lies in its country
    CHECK(city_paths(g, "Newtown Nowhere") == std::vector<std::string>{"Pakistan/Newtown Nowhere"});
}
