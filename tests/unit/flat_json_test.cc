// Unit tests for the flat JSON reader (common/flat_json.h): whatever it reads, it reads as
// nlohmann::json does, and what it cannot be sure of it refuses (the caller then asks
// nlohmann::json).
#include "common/flat_json.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "common/record.h"

namespace {

// Every member FlatObject read has the value nlohmann::json reads.
void same_as_nlohmann(const std::string& text) {
    CAPTURE(text);
    ndx::FlatObject o;
    REQUIRE(o.parse(text));
    const nlohmann::json j = nlohmann::json::parse(text);
    REQUIRE(j.is_object());
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        const nlohmann::json& value = it.value();
        CAPTURE(key);
        const ndx::FlatObject::Value* v = o.find(key);
        REQUIRE(v);
        using K = ndx::FlatObject::Kind;
        switch (v->kind) {
            case K::String:
                CHECK(value == v->text);
                break;
            case K::Count:
                CHECK(value.is_number_unsigned());
                CHECK(value.get<std::uint64_t>() == v->count);
                break;
            case K::True:
                CHECK(value == true);
                break;
            case K::False:
                CHECK(value == false);
                break;
            case K::Null:
                CHECK(value.is_null());
                break;
            case K::Nested:
                CHECK(value.is_structured());
                break;
        }
    }
    CHECK_FALSE(o.find("no such key"));
}

}  // namespace

TEST_CASE("flat JSON: a stored record reads as nlohmann::json reads it") {
    ndx::StoredRecord r;
    r.id = "a\"1";
    r.path = "/news/caf\xC3\xA9 \\ dir/file.jsonl";
    r.line = 18446744073709551615ULL;
    r.title =
        "Tabs\tand\nnew lines, \x01 control, \xE2\x80\x9Cquotes\xE2\x80\x9D, \xF0\x9F\x93\xB0";
    r.title_derived = true;
    r.date = "2024-01-31";
    r.text = std::string("body with / slash and \x7F and \x1F") + std::string(5000, 'x');
    r.facets = nlohmann::json::parse(
        R"({"speaker":[{"evidence":[[0,17],"title: x"],"key":"a b","value":"A \"B\""}],)"
        R"("location":[],"group":[{"n":-1.5e3,"t":true,"f":false,"z":null}]})");
    const ndx::RecordDumps d = ndx::record_dumps(r);
    same_as_nlohmann(d.data);
    same_as_nlohmann(d.hit);
    ndx::FlatObject o;
    REQUIRE(o.parse(d.data));
    CHECK(o.string_at("text") == r.text);
    CHECK(o.string_at("title") == r.title);
    CHECK(o.count_at("line") == r.line);
    CHECK(o.find("facets")->kind == ndx::FlatObject::Kind::Nested);
    CHECK(o.string_at("line").empty());  // not a string
    CHECK(o.count_at("title") == 0);     // not a count

    ndx::StoredRecord st;
    st.type = ndx::StoredRecord::Type::Statement;
    st.speaker = "Ishaq Dar";
    st.paragraph = 3;
    same_as_nlohmann(ndx::record_dumps(st).data);
}

TEST_CASE("flat JSON: what nlohmann::json accepts and the reader takes") {
    for (const char* text : {
             "{}",
             " \n{ } \t",
             R"({"a":"","b":0,"c":true,"d":false,"e":null,"f":[],"g":{}})",
             R"({"esc":"\"\\\/\b\f\n\r\t\u0000\u00e9\u20AC\u0041"})",
             R"({"n":[1,[2,{"x":"]}"}],3]})",
             R"( { "spaced" : "out" , "k" : 12 } )",
         })
        same_as_nlohmann(text);
}

TEST_CASE("flat JSON: what it refuses") {
    for (const std::string& text : {
             std::string(""),
             std::string("[]"),
             std::string("\"s\""),
             std::string("{"),
             std::string(R"({"a":1,})"),
             std::string(R"({"a":1}x)"),
             std::string(R"({"a":1,"a":2})"),               // a key twice
             std::string(R"({"a":-1})"),                    // not a count
             std::string(R"({"a":1.5})"),                   // not a count
             std::string(R"({"a":1e3})"),                   // not a count
             std::string(R"({"a":01})"),                    // not JSON
             std::string(R"({"a":18446744073709551616})"),  // past 64 bits
             std::string(R"({"a":"\ud83d\udcf0"})"),        // a surrogate pair
             std::string(R"({"a":"\x"})"),                  // a bad escape
             std::string("{\"a\":\"tab\tinside\"}"),        // a control character
             std::string("{\"a\":\"\xC3\x28\"}"),           // invalid UTF-8
             std::string("\xEF\xBB\xBF{}"),                 // a byte order mark
             std::string(R"({"a":[1,2})"),                  // unclosed
             std::string(R"({"a":[1,2}]})"),                // crossed
             std::string(R"({"a":tru})"),
             std::string(R"({"a":"unterminated})"),
         }) {
        CAPTURE(text);
        ndx::FlatObject o;
        CHECK_FALSE(o.parse(text));
        CHECK_FALSE(o.find("a"));
    }
}

TEST_CASE("flat JSON: dump_json writes what nlohmann::json's dump() writes") {
    const nlohmann::json j = nlohmann::json::parse(R"({
        "empty_object": {}, "empty_array": [], "null": null, "t": true, "f": false,
        "ints": [0, -1, 42, -9223372036854775808, 18446744073709551615],
        "floats": [0.5, -2.25, 1e300, 3.0, 12.345678901234567],
        "strings": ["", "plain", "quote \" back \\ slash /", "\b\f\n\r\t \u0001 \u001f \u007f",
                    "caf\u00e9 \u201cquoted\u201d \ud83d\udcf0", "nested \"\\n\""],
        "deep": {"a": [{"b": [[], {}, [1, [2, {"c": "d"}]]]}], "z": {"y": {"x": []}}},
        "k\u00e9y \"q\"": "value"
    })");
    for (int indent : {0, 1, 2, 4, -1}) {
        CAPTURE(indent);
        CHECK(ndx::dump_json(j, indent) == j.dump(indent));
        for (const nlohmann::json& value : j)
            CHECK(ndx::dump_json(value, indent) == value.dump(indent));
    }
    CHECK(ndx::dump_json(nlohmann::json("x"), 2) == "\"x\"");
    // invalid UTF-8: nlohmann's own error
    const nlohmann::json bad = {{"a", std::string("\xC3\x28")}};
    CHECK_THROWS_AS(ndx::dump_json(bad, 2), nlohmann::json::type_error);
}
