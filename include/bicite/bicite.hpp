#pragma once
/// The whole public API of bicite (not the link checker, which is <bicite/links.hpp> in bicite::links).
#include "bicite/version.hpp"
#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"
#include "bicite/text.hpp"
#include "bicite/csljson.hpp"
#include "bicite/translit.hpp"
