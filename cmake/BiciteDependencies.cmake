# Every dependency is a Debian 12 package. When one is missing, stop with the exact line that
# installs it, so a user never has to guess a package name.
function(bicite_require name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR
      "bicite needs ${name}, which was not found.\n"
      "Install it with:\n  apt-get install -y ${debian_package}")
  endif()
endfunction()

bicite_require(ICU libicu-dev COMPONENTS uc i18n data)
bicite_require(pugixml libpugixml-dev CONFIG)
bicite_require(fmt libfmt-dev CONFIG)
bicite_require(nlohmann_json nlohmann-json3-dev CONFIG)
if(BICITE_LINKS)
  bicite_require(CURL libcurl4-openssl-dev)
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(GUMBO QUIET IMPORTED_TARGET gumbo)
  endif()
  if(NOT GUMBO_FOUND)
    message(FATAL_ERROR "bicite::links needs gumbo (HTML5 parser), which was not found.\n"
      "Install it with:\n  apt-get install -y libgumbo-dev pkg-config\n"
      "(or configure with -DBICITE_LINKS=OFF to build without the link checker)")
  endif()
endif()
if(BICITE_EXAMPLES)
  bicite_require(CLI11 libcli11-dev CONFIG)
endif()
if(BICITE_TESTS)
  bicite_require(doctest doctest-dev CONFIG)
  find_path(BICITE_HTTPLIB_INCLUDE httplib.h)
  if(NOT BICITE_HTTPLIB_INCLUDE)
    message(FATAL_ERROR "bicite's tests need cpp-httplib.\nInstall it with:\n  apt-get install -y libcpp-httplib-dev")
  endif()
endif()

# CSL styles and locales are runtime data, looked up on a search path; only warn at build time.
set(BICITE_CSL_DIR "/usr/share/citation-style-language" CACHE PATH "Debian's CSL styles and locales")
if(NOT EXISTS "${BICITE_CSL_DIR}/styles")
  message(WARNING "CSL styles not found under ${BICITE_CSL_DIR}.\n"
    "Install them with:\n  apt-get install -y citation-style-language-styles citation-style-language-locales")
endif()
