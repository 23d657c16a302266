// SPDX-License-Identifier: Apache-2.0
#include "core/pipeline/pipeline.h"

#include <algorithm>
#include <map>

#include "core/plugin_host/plugin_options.h"
#include "core/text/language_id.h"
#include "core/util/log.h"

namespace cxmap::core {

Result<std::unique_ptr<Pipeline>> Pipeline::Start(std::vector<const PluginInfo*> analyses,
                                                  std::map<std::string, OptionMap> options,
                                                  PipelineOptions pipe_options,
                                                  const std::atomic<bool>* cancelled,
                                                  ConsumeFn consume) {
  std::unique_ptr<Pipeline> p(new Pipeline());
  p->analyses_ = std::move(analyses);
  p->options_ = std::move(options);
  p->cancelled_ = cancelled;
  p->stats_ = pipe_options.stats;
  p->text_bytes_ = pipe_options.runner.limits.text_bytes;
  p->consume_ = std::move(consume);
  for (const PluginInfo* a : p->analyses_) p->names_.push_back(a->name);
  unsigned workers = std::max(1u, pipe_options.workers);
  size_t in_flight = std::max<size_t>(pipe_options.max_in_flight, workers + 1);
  // Instances are created here, on the caller's thread, so that a bad
  // option stops the job before any record moves. A plugin that cannot
  // start is switched off; the import goes on without it.
  std::vector<std::vector<std::unique_ptr<AnalysisRunner>>> per_worker(workers);
  for (const PluginInfo* a : p->analyses_) {
    const OptionMap& opts = OptionsFor(p->options_, a->name);
    CXMAP_RETURN_IF_ERROR(ResolveOptions(*a, opts).status());
    std::vector<std::unique_ptr<AnalysisRunner>> made;
    Status failed;
    std::string fault;
    for (unsigned w = 0; w < workers && failed.ok(); ++w) {
      auto inst = StartAnalysis(*a, opts, pipe_options.runner, cancelled, &fault);
      if (inst.ok()) made.push_back(std::move(inst.value()));
      else failed = inst.status();
    }
    if (!failed.ok()) {
      // A plugin that calls its configuration invalid (a bad model file
      // given with -o) is a usage error, as a bad option is: stop before
      // any record moves. Any other failure to start (a missing licence, a
      // throw, a crash) switches the plugin off and the job goes on.
      if (failed.code() == Code::kCancelled || failed.code() == Code::kInvalidArgument) {
        return failed;
      }
      Log(Severity::kError, a->name, failed.message() + " (switched off for this run)");
      p->disabled_.push_back(a->name);
      p->failures_.push_back({a->name, failed.message(), fault});
      continue;
    }
    for (unsigned w = 0; w < workers; ++w) per_worker[w].push_back(std::move(made[w]));
  }
  p->to_workers_ = std::make_unique<BoundedQueue<Batch>>(in_flight);
  p->to_writer_ = std::make_unique<BoundedQueue<Batch>>(in_flight);
  p->slots_ = std::make_unique<std::counting_semaphore<>>(static_cast<std::ptrdiff_t>(in_flight));
  for (auto& instances : per_worker) {
    p->workers_.emplace_back(&Pipeline::WorkerLoop, p.get(), std::move(instances));
  }
  p->writer_ = std::thread(&Pipeline::WriterLoop, p.get());
  return p;
}

Pipeline::~Pipeline() {
  if (to_workers_ && !finished_) {  // Start() may have failed before any thread ran
    Fail(Status::Cancelled("pipeline abandoned"));
    (void)Finish();
  }
}

Status Pipeline::Submit(Batch batch) {
  slots_->acquire();  // released by the writer once the batch is consumed
  if (stopped_) {
    slots_->release();
    std::lock_guard<std::mutex> lock(mu_);
    return error_.ok() ? Status::Cancelled("pipeline stopped") : error_;
  }
  batch.sequence = next_sequence_++;
  batch.plugins.clear();
  if (!to_workers_->Push(std::move(batch))) {
    slots_->release();
    std::lock_guard<std::mutex> lock(mu_);
    return error_.ok() ? Status::Cancelled("pipeline stopped") : error_;
  }
  return Status::Ok();
}

Status Pipeline::Finish() {
  if (!finished_) {
    finished_ = true;
    to_workers_->Close();
    for (auto& t : workers_) t.join();
    to_writer_->Close();
    writer_.join();
  }
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

std::vector<PluginFailure> Pipeline::failures() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failures_;
}

void Pipeline::Fail(Status s) {
  std::lock_guard<std::mutex> lock(mu_);
  if (error_.ok()) error_ = std::move(s);
  stopped_ = true;
  to_workers_->Close();
  to_writer_->Close();
}

void Pipeline::WorkerLoop(std::vector<std::unique_ptr<AnalysisRunner>> instances) {
  // Results per record of the last batch: reserving that many up front
  // spares the results vector its regrowth, which moved every result made
  // so far (a sixth of the workers' samples in perf on the bench corpus).
  double per_record = 0;
  while (auto batch = to_workers_->Pop()) {
    batch->results.reserve(static_cast<size_t>(per_record * 1.1 * batch->records.size()));
    // Records come without a language when the source had none ("detect
    // later"): detect it here, on the workers, before analyses read it.
    {
      StageTimer timer(stats_, "detect language");
      for (FeedbackRecord& r : batch->records) {
        // Only the analysed part decides: a 10 MB text costs no more here
        // than its first text_bytes.
        if (r.rec.language.empty()) {
          r.rec.language = DetectLanguage(AnalysedText(r.rec.text, text_bytes_)).tag;
        }
      }
    }
    if (!stopped_) {
      for (auto& inst : instances) {
        {
          std::lock_guard<std::mutex> lock(mu_);
          if (std::find(disabled_.begin(), disabled_.end(), inst->name()) != disabled_.end()) continue;
        }
        Status s;
        {
          StageTimer timer(stats_, inst->name());
          s = inst->Analyze(*batch);
        }
        if (s.ok()) {
          batch->plugins.push_back(inst->name());
          continue;
        }
        if (s.code() == Code::kCancelled) continue;  // the user stopped us: not the plugin's fault
        // One plugin's failure must not lose records or stop the others:
        // switch it off and go on; the caller reports it.
        SwitchOff(inst->name(), s.message(), inst->fault());
      }
    }
    if (!batch->records.empty()) {
      per_record = static_cast<double>(batch->results.size()) / batch->records.size();
    }
    if (!to_writer_->Push(std::move(*batch))) slots_->release();
  }
}

void Pipeline::SwitchOff(const std::string& plugin, const std::string& message,
                         const std::string& fault) {
  std::lock_guard<std::mutex> lock(mu_);
  if (std::find(disabled_.begin(), disabled_.end(), plugin) != disabled_.end()) return;
  Log(Severity::kError, plugin, message + " (switched off for the rest of this run)");
  disabled_.push_back(plugin);
  failures_.push_back({plugin, message, fault});
}

void Pipeline::WriterLoop() {
  std::map<uint64_t, Batch> pending;  // batches that overtook an earlier one
  uint64_t next = 0;
  while (auto batch = to_writer_->Pop()) {
    pending.emplace(batch->sequence, std::move(*batch));
    for (auto it = pending.find(next); it != pending.end(); it = pending.find(next)) {
      if (!stopped_) {
        Status s = consume_(it->second);
        if (!s.ok()) Fail(std::move(s));
      }
      pending.erase(it);
      ++next;
      slots_->release();
    }
  }
  for (size_t i = 0; i < pending.size(); ++i) slots_->release();
}

}  // namespace cxmap::core
