// SPDX-License-Identifier: Apache-2.0
#include "core/plugin_host/dll_loader.h"

#include <boost/dll/library_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <exception>

namespace cxmap::core {

struct Module::Impl {
  boost::dll::shared_library library;
};

Result<std::vector<std::string>> ListPluginSymbols(const std::filesystem::path& module) {
  try {
    boost::dll::library_info info(module, /*throw_if_not_native=*/true);
    return info.symbols(CXMAP_SECTION_NAME);
  } catch (const std::exception& e) {
    return Status::NotSupported(module.string() + ": not a loadable module (" + e.what() + ")");
  }
}

Module::Module(std::filesystem::path path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}

Module::~Module() = default;

Result<std::shared_ptr<Module>> Module::Load(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  boost::dll::fs::error_code ec;
  impl->library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) return Status::IoError(path.string() + ": cannot load module: " + ec.message());
  return std::shared_ptr<Module>(new Module(path, std::move(impl)));
}

Result<const cxmap_plugin_descriptor*> Module::Descriptor(const std::string& symbol) const {
  try {
    if (!impl_->library.has(symbol)) {
      return Status::NotFound(path_.string() + ": symbol " + symbol + " not exported");
    }
    // The alias is a `const void*` variable pointing at the descriptor; a
    // module can set it to NULL, which must be refused, not dereferenced.
    const void* target = impl_->library.get<const void*>(symbol);
    if (target == nullptr) {
      return Status::InvalidArgument(path_.string() + ": " + symbol +
                                     " points at no descriptor (NULL)");
    }
    return static_cast<const cxmap_plugin_descriptor*>(target);
  } catch (const std::exception& e) {
    return Status::IoError(path_.string() + ": " + symbol + ": " + e.what());
  }
}

}  // namespace cxmap::core
