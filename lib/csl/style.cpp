// Parsing a CSL style into the style tree, with pugixml; loading styles by name or path.
#include "csl/style.hpp"
#include "core/embedded.hpp"
#include "core/limits.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

namespace bicite::csl {
namespace {

using namespace detail;
namespace fs = std::filesystem;

struct parser {
  std::string_view xml;
  std::vector<diagnostic>* warnings;
  style& st;

  void warn(const pugi::xml_node& n, std::string code, std::string message) {
    if (!warnings) return;
    diagnostic d{std::move(code), severity::warning, {}, std::move(message), {}};
    d.where.begin = d.where.end = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, n.offset_debug()));
    warnings->push_back(std::move(d));
  }

  static std::string_view local(const char* name) {
    std::string_view s(name);
    if (auto p = s.find(':'); p != std::string_view::npos) s.remove_prefix(p + 1);
    return s;
  }

  static std::uint8_t pick(std::string_view v, std::initializer_list<std::string_view> names) {
    std::uint8_t i = 1;
    for (auto n : names) {
      if (v == n) return i;
      ++i;
    }
    return 0;
  }

  formatting read_formatting(const pugi::xml_node& n) {
    formatting f;
    for (auto at : n.attributes()) {
      std::string_view k = at.name(), v = at.value();
      if (k == "prefix") f.prefix = v;
      else if (k == "suffix") f.suffix = v;
      else if (k == "font-style") f.font_style = pick(v, {"normal", "italic", "oblique"});
      else if (k == "font-variant") f.font_variant = pick(v, {"normal", "small-caps"});
      else if (k == "font-weight") f.font_weight = pick(v, {"normal", "bold", "light"});
      else if (k == "text-decoration") f.text_decoration = pick(v, {"none", "underline"});
      else if (k == "vertical-align") f.vertical_align = pick(v, {"baseline", "sup", "sub"});
      else if (k == "quotes") f.quotes = v == "true";
      else if (k == "strip-periods") f.strip_periods = v == "true";
      else if (k == "display") f.display = v;
      else if (k == "text-case") {
        if (v == "lowercase") f.tcase = text_case::lowercase;
        else if (v == "uppercase") f.tcase = text_case::uppercase;
        else if (v == "capitalize-first") f.tcase = text_case::capitalize_first;
        else if (v == "capitalize-all") f.tcase = text_case::capitalize_all;
        else if (v == "sentence") f.tcase = text_case::sentence;
        else if (v == "title") f.tcase = text_case::title;
      }
    }
    return f;
  }

  attrs read_attrs(const pugi::xml_node& n) {
    attrs a;
    for (auto at : n.attributes()) a.list.emplace_back(at.name(), at.value());
    return a;
  }

  // bicite's extension attributes (lib/csl/README.md, "Names in the genitive"): an attribute in the
  // namespace csl::bicite_namespace, whatever its prefix, is kept as "bicite:<local name>".
  static void read_extension_attrs(const pugi::xml_node& n, element& e) {
    // a "bicite:" prefix bound to another namespace (or to none) is not ours
    std::erase_if(e.a.list, [](const auto& kv) { return kv.first.starts_with("bicite:"); });
    for (auto at : n.attributes()) {
      const std::string_view qname = at.name();
      const std::size_t colon = qname.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string prefix(qname.substr(0, colon));
      if (prefix == "xml" || prefix == "xmlns") continue;
      const std::string declaration = "xmlns:" + prefix;
      for (auto p = n; p; p = p.parent())
        if (auto ns = p.attribute(declaration.c_str())) {
          if (std::string_view(ns.value()) == bicite_namespace)
            e.a.list.emplace_back("bicite:" + std::string(qname.substr(colon + 1)), at.value());
          break;
        }
    }
  }

  static std::vector<std::string> split(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && s[i] == ' ') ++i;
      std::size_t j = i;
      while (j < s.size() && s[j] != ' ') ++j;
      if (j > i) out.emplace_back(s.substr(i, j - i));
      i = j;
    }
    return out;
  }

  element read_element(const pugi::xml_node& n, int depth) {
    element e;
    e.offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, n.offset_debug()));
    e.a = read_attrs(n);
    e.f = read_formatting(n);
    if (auto d = n.attribute("delimiter")) {
      e.delimiter = d.value();
      e.has_delimiter = true;
    }
    if (depth > limits::max_csl_element_depth) {
      warn(n, "csl.too-deep",
           fmt::format("the style nests elements more than {} deep; the rest is ignored", limits::max_csl_element_depth));
      return e;
    }
    std::string_view name = local(n.name());
    if (name == "text") {
      e.kind = el::text;
    } else if (name == "number") e.kind = el::number;
    else if (name == "label") e.kind = el::label;
    else if (name == "group" || name == "layout") {
      e.kind = el::group;
      read_children(n, e, depth);
    } else if (name == "choose") {
      e.kind = el::choose;
      for (auto c : n.children()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view cn = local(c.name());
        branch b;
        if (cn == "else") b.is_else = true;
        else if (cn != "if" && cn != "else-if") {
          warn(c, "csl.unknown-element", fmt::format("unknown element <{}> inside <choose>", cn));
          continue;
        }
        for (auto at : c.attributes()) {
          std::string_view k = at.name();
          if (k == "match") b.match = at.value();
          else b.conds.push_back({std::string(k), split(at.value())});
        }
        element holder;
        read_children(c, holder, depth);
        b.kids = std::move(holder.kids);
        e.branches.push_back(std::move(b));
      }
    } else if (name == "names") {
      e.kind = el::names;
      e.variables = split(n.attribute("variable").value());
      read_children(n, e, depth);
    } else if (name == "name") {
      e.kind = el::name;
      read_extension_attrs(n, e);
      for (auto c : n.children("name-part")) {
        formatting pf = read_formatting(c);
        if (std::string_view(c.attribute("name").value()) == "given") {
          e.given_f = pf;
          e.has_given_f = true;
        } else {
          e.family_f = pf;
          e.has_family_f = true;
        }
      }
    } else if (name == "et-al") e.kind = el::et_al;
    else if (name == "substitute") {
      e.kind = el::substitute;
      read_children(n, e, depth);
    } else if (name == "date") {
      e.kind = el::date;
      for (auto c : n.children()) {
        if (c.type() != pugi::node_element) continue;
        if (local(c.name()) != "date-part") continue;
        element p;
        p.kind = el::date_part;
        p.a = read_attrs(c);
        p.f = read_formatting(c);
        e.kids.push_back(std::move(p));
      }
    } else {
      warn(n, "csl.unknown-element", fmt::format("unknown element <{}>; it is ignored", name));
      e.kind = el::group;
    }
    return e;
  }

  void read_children(const pugi::xml_node& n, element& e, int depth) {
    for (auto c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view cn = local(c.name());
      if (e.kind == el::names && cn == "name") {
        e.kids.push_back(read_element(c, depth + 1));
        continue;
      }
      e.kids.push_back(read_element(c, depth + 1));
    }
  }

  void read_locale(const pugi::xml_node& n, locale_section& loc) {
    loc.lang = n.attribute("xml:lang").value();
    for (auto c : n.children()) {
      std::string_view cn = local(c.name());
      if (cn == "style-options")
        for (auto at : c.attributes()) loc.options[at.name()] = at.value();
      else if (cn == "date") {
        element d = read_element(c, 0);
        loc.date_formats[c.attribute("form").value()] = std::move(d);
      } else if (cn == "terms") {
        for (auto t : c.children("term")) {
          std::string tname = t.attribute("name").value();
          std::string form = t.attribute("form") ? t.attribute("form").value() : "long";
          std::string gender = t.attribute("gender").value();
          std::string gform = t.attribute("gender-form").value();
          if (tname.rfind("ordinal", 0) == 0 || tname.rfind("long-ordinal", 0) == 0)
            loc.term_names_ordinal.push_back(tname);
          auto key = [&](std::string_view num) {
            std::string k = tname + "|" + form + "|" + std::string(num);
            if (!gform.empty()) k += "|" + gform;
            return k;
          };
          auto single = t.child("single"), multiple = t.child("multiple");
          if (single || multiple) {
            loc.terms[key("s")] = single.text().get();
            loc.terms[key("p")] = multiple.text().get();
          } else {
            std::string v = t.text().get();
            if (v.find_first_not_of(" \t\r\n") == std::string::npos) v.clear();  // layout whitespace only
            loc.terms[key("s")] = v;
            loc.terms[key("p")] = v;
          }
          if (!gender.empty()) loc.terms["gender|" + tname] = gender;
        }
      }
    }
  }

  void read_section(const pugi::xml_node& n, layout_section& sec) {
    sec.present = true;
    sec.a = read_attrs(n);
    if (auto lay = n.child("layout")) {
      sec.layout = read_element(lay, 0);
    } else {
      warn(n, "csl.missing-layout", fmt::format("<{}> has no <layout>", local(n.name())));
    }
    if (auto so = n.child("sort")) {
      for (auto k : so.children("key")) {
        sort_key key;
        key.variable = k.attribute("variable").value();
        key.descending = std::string_view(k.attribute("sort").value()) == "descending";
        key.a = read_attrs(k);
        sec.sort.push_back(std::move(key));
      }
    }
  }
};

std::string read_file_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void resolve_macros(element& e, const std::map<std::string, int>& idx, std::vector<diagnostic>* warnings,
                    const style& st) {
  if (e.kind == el::text) {
    if (const std::string* m = e.a.find("macro")) {
      auto it = idx.find(*m);
      if (it != idx.end()) e.macro = it->second;
      else if (warnings)
        warnings->push_back({"csl.unknown-macro", severity::warning, {e.offset, e.offset},
                             fmt::format("<text macro=\"{}\">: no macro of that name in the style", *m)});
    }
  }
  for (auto& k : e.kids) resolve_macros(k, idx, warnings, st);
  for (auto& b : e.branches)
    for (auto& k : b.kids) resolve_macros(k, idx, warnings, st);
}

result<std::shared_ptr<const style>> parse_style_with(std::string_view xml, const style_fetcher& fetch_parent,
                                                      std::vector<diagnostic>* warnings) {
  if (auto too_large = bicite::detail::input_too_large(xml, "CSL style")) return std::move(*too_large);
  pugi::xml_document doc;
  auto pr = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!pr) {
    diagnostic d{"csl.xml", severity::error, {}, fmt::format("the style is not well-formed XML: {}", pr.description())};
    d.where.begin = d.where.end = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, pr.offset));
    std::vector<diagnostic> v{d};
    locate(v, xml);
    return v[0];
  }
  auto root = doc.document_element();
  if (std::string_view(root.name()) != "style") {
    return diagnostic{"csl.not-a-style", severity::error, {}, fmt::format("the root element is <{}>, not <style>", root.name())};
  }
  // A dependent style: take the parent and keep our own locale and default-locale.
  auto info = root.child("info");
  for (auto link : info.children("link")) {
    if (std::string_view(link.attribute("rel").value()) != "independent-parent") continue;
    std::string href = link.attribute("href").value();
    if (!fetch_parent)
      return diagnostic{"csl.dependent-style", severity::error, {},
                        fmt::format("the style depends on \"{}\" and no parent can be fetched", href)};
    auto parent_xml = fetch_parent(href);
    if (!parent_xml)
      return diagnostic{"csl.missing-parent", severity::error, {},
                        fmt::format("the parent style \"{}\" was not found", href),
                        "install the parent style or put it on BICITE_CSL_PATH"};
    auto parent = parse_style_with(*parent_xml, {}, warnings);  // no dependent chains
    if (!parent) return parent.error();
    auto copy = std::make_shared<style>(**parent);
    if (auto dl = root.attribute("default-locale")) copy->default_locale = dl.value();
    copy->title = info.child("title").text().get();
    return std::shared_ptr<const style>(std::move(copy));
  }

  auto st = std::make_shared<style>();
  st->xml = std::string(xml);
  parser p{xml, warnings, *st};
  st->id = info.child("id").text().get();
  st->title = info.child("title").text().get();
  st->default_locale = root.attribute("default-locale").value();
  st->note = std::string_view(root.attribute("class").value()) == "note";
  st->a = p.read_attrs(root);
  {
    element root_extensions;
    parser::read_extension_attrs(root, root_extensions);
    std::erase_if(st->a.list, [](const auto& kv) { return kv.first.starts_with("bicite:"); });
    for (auto& kv : root_extensions.a.list) st->a.list.push_back(std::move(kv));
  }
  std::map<std::string, int> idx;
  for (auto c : root.children()) {
    std::string_view cn = parser::local(c.name());
    if (cn == "macro") {
      macro_def m;
      m.name = c.attribute("name").value();
      m.body.kind = el::group;
      p.read_children(c, m.body, 1);
      if (idx.count(m.name))
        p.warn(c, "csl.duplicate-macro", fmt::format("macro \"{}\" is defined twice; the first is used", m.name));
      else {
        idx[m.name] = static_cast<int>(st->macros.size());
        st->macros.push_back(std::move(m));
      }
    } else if (cn == "citation") p.read_section(c, st->citation);
    else if (cn == "bibliography") p.read_section(c, st->bibliography);
    else if (cn == "locale") {
      locale_section l;
      p.read_locale(c, l);
      st->locales.push_back(std::move(l));
    } else if (cn == "info" || c.type() != pugi::node_element) {
    } else p.warn(c, "csl.unknown-element", fmt::format("unknown element <{}> in <style>; it is ignored", cn));
  }
  if (!st->citation.present)
    return diagnostic{"csl.no-citation", severity::error, {}, "the style has no <citation> element"};
  for (auto& m : st->macros) resolve_macros(m.body, idx, warnings, *st);
  resolve_macros(st->citation.layout, idx, warnings, *st);
  resolve_macros(st->bibliography.layout, idx, warnings, *st);
  for (auto* sec : {&st->citation, &st->bibliography})
    for (auto& k : sec->sort)
      if (const std::string* m = k.a.find("macro")) {
        auto it = idx.find(*m);
        if (it != idx.end()) k.macro = it->second;
        else if (warnings)
          warnings->push_back({"csl.unknown-macro", severity::warning, {},
                               fmt::format("sort key macro \"{}\" is not defined", *m)});
      }
  if (warnings) locate(*warnings, xml);
  return std::shared_ptr<const style>(std::move(st));
}

}  // namespace

result<std::shared_ptr<const style>> parse_style(std::string_view xml, const style_fetcher& fetch_parent) {
  return parse_style_with(xml, fetch_parent, nullptr);
}

result<std::shared_ptr<const style>> parse_style(std::string_view xml, const style_fetcher& fetch_parent,
                                                 std::vector<diagnostic>* warnings) {
  return parse_style_with(xml, fetch_parent, warnings);
}

loaded_style read_style(std::string_view xml, const style_fetcher& fetch_parent) {
  std::vector<diagnostic> diagnostics;
  auto st = parse_style_with(xml, fetch_parent, &diagnostics);
  return {std::move(st), std::move(diagnostics)};
}

namespace {

std::vector<fs::path> style_dirs(const load_options& o) {
  std::vector<fs::path> dirs;
  for (const auto& d : o.style_path) dirs.emplace_back(d);
  dirs.emplace_back("/usr/share/citation-style-language/styles");
  return dirs;
}

std::optional<fs::path> find_style(std::string_view name, const std::vector<fs::path>& dirs) {
  std::error_code ec;
  for (const auto& d : dirs) {
    for (const char* sub : {"", "dependent"}) {
      fs::path p = d / sub / (std::string(name) + ".csl");
      if (fs::is_regular_file(p, ec)) return p;
    }
  }
  return std::nullopt;
}

// The styles written for bicite (lib/csl/data/*.csl) are compiled in, so they work where no style
// directory is installed; a file of the same name on the search path is taken first.
std::optional<std::string_view> embedded_style(std::string_view name) {
  return bicite::detail::embedded_file("csl/" + std::string(name) + ".csl");
}

result<std::shared_ptr<const style>> load_style_with(std::string_view name_or_path, const load_options& options,
                                                     std::vector<diagnostic>* warnings) {
  auto dirs = style_dirs(options);
  std::error_code ec;
  fs::path path(std::string{name_or_path});
  if (!(name_or_path.find('/') != std::string_view::npos || name_or_path.ends_with(".csl")) ||
      !fs::is_regular_file(path, ec)) {
    auto found = find_style(name_or_path, dirs);
    if (!found && name_or_path.find('/') == std::string_view::npos)
      if (auto xml = embedded_style(name_or_path)) {
        auto fetch = [&](std::string_view href) -> std::optional<std::string> {
          std::string_view id = href;
          if (auto p = id.rfind('/'); p != std::string_view::npos) id.remove_prefix(p + 1);
          if (auto f = find_style(id, dirs)) return read_file_text(*f);
          if (auto e = embedded_style(id)) return std::string(*e);
          return std::nullopt;
        };
        return parse_style_with(*xml, fetch, warnings);
      }
    if (!found)
      return diagnostic{"csl.style-not-found", severity::error, {},
                        fmt::format("no style \"{}\" on the search path", name_or_path),
                        "give a path to a .csl file, or set BICITE_CSL_PATH; `bicite format --list-styles` lists them"};
    path = *found;
  }
  std::string xml = read_file_text(path);
  if (xml.empty())
    return diagnostic{"csl.style-unreadable", severity::error, {}, fmt::format("cannot read {}", path.string())};
  fs::path own_dir = path.parent_path();
  auto fetch = [&](std::string_view href) -> std::optional<std::string> {
    std::string_view id = href;
    if (auto p = id.rfind('/'); p != std::string_view::npos) id.remove_prefix(p + 1);
    std::vector<fs::path> d{own_dir, own_dir.parent_path()};
    d.insert(d.end(), dirs.begin(), dirs.end());
    auto f = find_style(id, d);
    if (!f) return std::nullopt;
    return read_file_text(*f);
  };
  return parse_style_with(xml, fetch, warnings);
}

}  // namespace

result<std::shared_ptr<const style>> load_style(std::string_view name_or_path, const load_options& options) {
  return load_style_with(name_or_path, options, nullptr);
}

result<std::shared_ptr<const style>> load_style(std::string_view name_or_path, const load_options& options,
                                                std::vector<diagnostic>* warnings) {
  return load_style_with(name_or_path, options, warnings);
}

loaded_style open_style(std::string_view name_or_path, const load_options& options) {
  std::vector<diagnostic> diagnostics;
  auto st = load_style_with(name_or_path, options, &diagnostics);
  return {std::move(st), std::move(diagnostics)};
}

std::vector<std::string> list_styles(const load_options& options) {
  std::set<std::string> names;
  std::error_code ec;
  for (const auto& d : style_dirs(options))
    for (const char* sub : {"", "dependent"})
      for (fs::directory_iterator it(d / sub, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".csl") names.insert(it->path().stem().string());
  for (const auto& e : bicite::detail::embedded_files())
    if (e.name.starts_with("csl/") && e.name.ends_with(".csl"))
      names.emplace(e.name.substr(4, e.name.size() - 8));
  return {names.begin(), names.end()};
}

std::string style_title(const style& s) { return s.title; }
std::string style_transliteration(const style& s) { return s.a.get("bicite:transliterate"); }
bool has_bibliography(const style& s) { return s.bibliography.present; }
bool is_note_style(const style& s) { return s.note; }

}  // namespace bicite::csl

namespace bicite::csl::detail {
bool parse_locale_xml(std::string_view xml, locale_section& out) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single)) return false;
  auto root = doc.document_element();
  if (std::string_view(root.name()) != "locale") return false;
  style dummy;
  parser p{xml, nullptr, dummy};
  p.read_locale(root, out);
  return true;
}
}  // namespace bicite::csl::detail
