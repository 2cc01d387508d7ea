// Jobs run on worker threads, with at most `limit` in flight (queued, running, or done
// and not yet collected), so memory stays bounded however many jobs there are. Results
// are collected on the thread that pushes, as they finish: it alone touches what is not
// thread-safe (the site's database, the report).
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lede::site {

template <class Job, class Result>
class WorkQueue {
 public:
  WorkQueue(unsigned workers, std::function<Result(Job&)> work, std::function<void(Result&)> collect)
      : work_(std::move(work)), collect_(std::move(collect)), limit_(workers * 4) {
    for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this] { run(); });
  }
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;
  ~WorkQueue() { finish(); }

  // Waits while `limit` jobs are in flight, collecting what finishes meanwhile.
  void push(Job job) {
    if (threads_.empty()) {  // no workers: the job runs here
      Result r = work_(job);
      collect_(r);
      return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    while (in_flight_ >= limit_) collect_some(lock);
    jobs_.push_back(std::move(job));
    ++in_flight_;
    work_ready_.notify_one();
  }

  // Waits for every job, collects them, and stops the workers.
  void finish() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (in_flight_ > 0) collect_some(lock);
    closing_ = true;
    work_ready_.notify_all();
    lock.unlock();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void collect_some(std::unique_lock<std::mutex>& lock) {
    result_ready_.wait(lock, [this] { return !results_.empty(); });
    std::deque<Result> done;
    done.swap(results_);
    lock.unlock();
    for (Result& r : done) collect_(r);
    lock.lock();
    in_flight_ -= done.size();
  }

  void run() {
    while (true) {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return closing_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      Job job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      Result r = work_(job);
      lock.lock();
      results_.push_back(std::move(r));
      result_ready_.notify_one();
    }
  }

  std::function<Result(Job&)> work_;
  std::function<void(Result&)> collect_;
  std::size_t limit_;
  std::size_t in_flight_ = 0;
  bool closing_ = false;
  std::mutex mutex_;
  std::condition_variable work_ready_, result_ready_;
  std::deque<Job> jobs_;
  std::deque<Result> results_;
  std::vector<std::thread> threads_;
};

}  // namespace lede::site
