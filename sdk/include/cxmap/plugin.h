// SPDX-License-Identifier: Apache-2.0
// Registration of C++ plugins: turns a subclass of SourcePlugin or
// AnalysisPlugin into the C descriptor and function table the host loads.
// Include this in exactly one file of a module (by convention plugin.cpp).
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <memory>
#include <string_view>
#include <vector>

#include <boost/dll/alias.hpp>

#include "cxmap/abi_plugin.h"
#include "cxmap/analysis_plugin.h"
#include "cxmap/host.h"
#include "cxmap/options.h"
#include "cxmap/source_plugin.h"

namespace cxmap::detail {

inline int32_t Fail(cxmap_error* error, Code code, std::string_view message) {
  if (error != nullptr) {
    error->code = static_cast<int32_t>(code);
    size_t n = std::min(message.size(), sizeof(error->message) - 1);
    std::memcpy(error->message, message.data(), n);
    error->message[n] = '\0';
  }
  return static_cast<int32_t>(code);
}

inline int32_t FromStatus(const Status& s, cxmap_error* error) {
  return s.ok() ? CXMAP_OK : Fail(error, s.code(), s.message());
}

/// Runs `body` (returning Status) and keeps every exception on this side
/// of the boundary: exceptions must never unwind through C frames.
template <typename Body>
int32_t Guard(cxmap_error* error, Body&& body) noexcept {
  try {
    return FromStatus(body(), error);
  } catch (const std::exception& e) {
    return Fail(error, Code::kInternal, std::string("unexpected exception: ") + e.what());
  } catch (...) {
    return Fail(error, Code::kInternal, "unexpected non-standard exception");
  }
}

template <typename T>
int32_t Create(const cxmap_host* host, const cxmap_kv* options, size_t count, void** instance,
               cxmap_error* error) noexcept {
  return Guard(error, [&]() -> Status {
    auto created = T::Create(Host(host), OptionValues(options, count));
    if (!created.ok()) return created.status();
    *instance = created.value().release();
    return Status::Ok();
  });
}

template <typename T>
void Destroy(void* instance) noexcept {
  try {
    delete static_cast<T*>(instance);
  } catch (...) {  // a throwing destructor must not take the host down
  }
}

template <typename T>
struct SourceAdapter {
  static int32_t Sniff(cxmap_str path, cxmap_str head, cxmap_sniff_result* out) noexcept {
    return Guard(nullptr, [&]() -> Status {
      SniffResult r = T::Sniff(FromC(path), FromC(head));
      out->confidence = r.confidence;
      size_t nf = std::min(r.format.size(), sizeof(out->format) - 1);
      std::memcpy(out->format, r.format.data(), nf);
      out->format[nf] = '\0';
      size_t nr = std::min(r.reason.size(), sizeof(out->reason) - 1);
      std::memcpy(out->reason, r.reason.data(), nr);
      out->reason[nr] = '\0';
      return Status::Ok();
    });
  }
  static int32_t Open(void* instance, cxmap_str path, cxmap_error* error) noexcept {
    return Guard(error, [&] { return static_cast<T*>(instance)->Open(FromC(path)); });
  }
  static int32_t NextBatch(void* instance, const cxmap_record_sink* sink, int32_t* at_end,
                           cxmap_error* error) noexcept {
    return Guard(error, [&]() -> Status {
      RecordSink records(sink);
      bool end = false;
      Status s = static_cast<T*>(instance)->NextBatch(records, end);
      *at_end = end ? 1 : 0;
      return s;
    });
  }
  static int32_t Inspect(void* instance, cxmap_str path, const cxmap_inspection_sink* sink,
                         cxmap_error* error) noexcept {
    return Guard(error, [&]() -> Status {
      auto inspected = static_cast<T*>(instance)->Inspect(FromC(path));
      if (!inspected.ok()) return inspected.status();
      const Inspection& in = inspected.value();
      std::vector<cxmap_inspect_column> columns;
      for (const auto& c : in.columns) {
        columns.push_back({sizeof(cxmap_inspect_column), c.index, ToC(c.name), ToC(c.role),
                           ToC(c.question)});
      }
      std::vector<cxmap_kv> details;
      for (const auto& [k, v] : in.details) details.push_back({ToC(k), ToC(v)});
      cxmap_inspection c{sizeof(cxmap_inspection), ToC(in.format), ToC(in.encoding),
                         ToC(in.delimiter), in.header_rows, in.responses, ToC(in.unit),
                         in.records, in.rejected, columns.data(), columns.size(),
                         details.data(), details.size()};
      sink->deliver(sink->ctx, &c);
      return Status::Ok();
    });
  }
  static int32_t Split(void* instance, cxmap_str path, uint32_t parts,
                       const cxmap_piece_sink* sink, cxmap_error* error) noexcept {
    return Guard(error, [&]() -> Status {
      auto pieces = static_cast<T*>(instance)->Split(FromC(path), parts);
      if (!pieces.ok()) return pieces.status();
      for (const Piece& p : pieces.value()) sink->piece(sink->ctx, ToC(p.token), p.bytes);
      return Status::Ok();
    });
  }
  static int32_t OpenPiece(void* instance, cxmap_str path, cxmap_str token,
                           cxmap_error* error) noexcept {
    return Guard(error,
                 [&] { return static_cast<T*>(instance)->OpenPiece(FromC(path), FromC(token)); });
  }
  static constexpr cxmap_source_vtable kVtable{sizeof(cxmap_source_vtable),
                                                &Sniff,
                                                &Create<T>,
                                                &Destroy<T>,
                                                &Open,
                                                &NextBatch,
                                                &Inspect,
                                                &Split,
                                                &OpenPiece};
};

template <typename T>
struct AnalysisAdapter {
  static int32_t Analyze(void* instance, const cxmap_record* records, size_t count,
                         const cxmap_result_sink* sink, cxmap_error* error) noexcept {
    return Guard(error, [&] {
      ResultWriter out(sink);
      return static_cast<T*>(instance)->Analyze(RecordBatch(records, count), out);
    });
  }
  static constexpr cxmap_analysis_vtable kVtable{sizeof(cxmap_analysis_vtable), &Create<T>,
                                                  &Destroy<T>, &Analyze};
};

template <typename T, typename Fields>
constexpr cxmap_plugin_descriptor MakeDescriptor(int32_t kind, const void* vtable,
                                                 const Fields& fields) {
  return cxmap_plugin_descriptor{sizeof(cxmap_plugin_descriptor),
                                 CXMAP_ABI_MAJOR,
                                 CXMAP_ABI_MINOR,
                                 kind,
                                 ToC(T::kName),
                                 ToC(T::kVersion),
                                 ToC(T::kDescription),
                                 ToC(T::kVendor),
                                 std::data(T::kOptions),
                                 std::size(T::kOptions),
                                 std::data(fields),
                                 std::size(fields),
                                 vtable};
}

inline constexpr std::array<cxmap_field_decl, 0> kNoFields{};

}  // namespace cxmap::detail

#define CXMAP_DETAIL_CAT3_(a, b, c) a##b##_##c
#define CXMAP_DETAIL_CAT3(a, b, c) CXMAP_DETAIL_CAT3_(a, b, c)
/// The exported symbol of plugin `ident`: cxmap_v<ABI major>_<ident>.
#define CXMAP_DETAIL_SYMBOL(ident) CXMAP_DETAIL_CAT3(cxmap_v, CXMAP_ABI_MAJOR, ident)

#define CXMAP_DETAIL_EXPORT(Class, ident, kind, adapter, fields)                               \
  static_assert(Class::kName == #ident, "plugin name must equal the registered identifier"); \
  namespace cxmap_plugin_##ident {                                                           \
  constinit const cxmap_plugin_descriptor kDescriptor =                                      \
      ::cxmap::detail::MakeDescriptor<Class>(kind, &adapter<Class>::kVtable, fields);        \
  }                                                                                          \
  BOOST_DLL_ALIAS_SECTIONED(cxmap_plugin_##ident::kDescriptor, CXMAP_DETAIL_SYMBOL(ident), cxmap)

/// Exports source plugin `Class` under the name `ident` (which must equal
/// Class::kName, e.g. source_csv_survey). Use once per plugin, at namespace
/// scope in the global namespace.
#define CXMAP_SOURCE_PLUGIN(Class, ident)                                          \
  CXMAP_DETAIL_EXPORT(Class, ident, CXMAP_KIND_SOURCE, ::cxmap::detail::SourceAdapter, \
                      ::cxmap::detail::kNoFields)

/// Exports analysis plugin `Class` under the name `ident` (== Class::kName).
#define CXMAP_ANALYSIS_PLUGIN(Class, ident)                                            \
  CXMAP_DETAIL_EXPORT(Class, ident, CXMAP_KIND_ANALYSIS, ::cxmap::detail::AnalysisAdapter, \
                      Class::kFields)
