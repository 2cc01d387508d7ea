#include "site/files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <vector>

namespace lede::site {
namespace {

constexpr int kFolderFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

std::string failed(std::string_view what) { return std::string(what) + ": " + std::strerror(errno); }

std::vector<std::string> names_of(std::string_view rel) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    std::size_t slash = rel.find('/', from);
    out.emplace_back(rel.substr(from, slash == std::string_view::npos ? std::string_view::npos : slash - from));
    if (slash == std::string_view::npos) return out;
    from = slash + 1;
  }
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

FileStamp stamp_of(const struct stat& st) {
  return {static_cast<std::uint64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

bool is_safe_relative_name(std::string_view rel) {
  if (rel.empty() || rel.front() == '/' || rel.find('\0') != std::string_view::npos) return false;
  for (const std::string& name : names_of(rel))
    if (name.empty() || name == "." || name == "..") return false;
  return true;
}

Fd& Fd::operator=(Fd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

// ---- the articles folder ----

bool InputDir::open(const std::filesystem::path& path, std::string& error) {
  dir_ = Fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir_) error = failed("cannot open");
  return static_cast<bool>(dir_);
}

namespace {

void walk_folder(int folder, const std::string& prefix, int depth,
                 const std::function<bool(const InputDir::Entry&)>& visit, dev_t skip_dev, ino_t skip_ino) {
  int listing = ::fcntl(folder, F_DUPFD_CLOEXEC, 0);
  if (listing < 0) return;
  DIR* d = ::fdopendir(listing);
  if (!d) {
    ::close(listing);
    return;
  }
  while (const dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st;
    if (::fstatat(folder, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    InputDir::Kind kind = S_ISLNK(st.st_mode)   ? InputDir::Kind::link
                          : S_ISDIR(st.st_mode) ? InputDir::Kind::folder
                          : S_ISREG(st.st_mode) ? InputDir::Kind::file
                                                : InputDir::Kind::other;
    if (kind == InputDir::Kind::folder && skip_ino != 0 && st.st_dev == skip_dev && st.st_ino == skip_ino) continue;
    InputDir::Entry entry{prefix + name, kind, stamp_of(st), depth};
    if (!visit(entry) || kind != InputDir::Kind::folder) continue;
    Fd sub(::openat(folder, name.c_str(), kFolderFlags));
    if (sub) walk_folder(sub.get(), entry.rel + "/", depth + 1, visit, skip_dev, skip_ino);
  }
  ::closedir(d);
}

}  // namespace

void InputDir::walk(const std::function<bool(const Entry&)>& visit, dev_t skip_dev, ino_t skip_ino) const {
  walk_folder(dir_.get(), "", 0, visit, skip_dev, skip_ino);
}

bool InputDir::open_file(std::string_view rel, Fd& out, struct stat& st, std::string& error) const {
  if (!is_safe_relative_name(rel)) {
    error = "not a name inside the folder";
    return false;
  }
  std::vector<std::string> names = names_of(rel);
  Fd holder;
  int folder = dir_.get();
  for (std::size_t i = 0; i + 1 < names.size(); ++i) {
    holder = Fd(::openat(folder, names[i].c_str(), kFolderFlags));
    if (!holder) {
      error = errno == ELOOP || errno == ENOTDIR ? "a symbolic link or a file on the way" : failed("cannot open");
      return false;
    }
    folder = holder.get();
  }
  // Looked at before it is opened: opening a device or a FIFO can block or do something.
  struct stat first;
  if (::fstatat(folder, names.back().c_str(), &first, AT_SYMLINK_NOFOLLOW) != 0) {
    error = failed("cannot open");
    return false;
  }
  if (S_ISLNK(first.st_mode)) {
    error = "a symbolic link";
    return false;
  }
  if (!S_ISREG(first.st_mode)) {
    error = "not a regular file";
    return false;
  }
  Fd fd(::openat(folder, names.back().c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (!fd || ::fstat(fd.get(), &st) != 0) {
    error = failed("cannot open");
    return false;
  }
  if (!S_ISREG(st.st_mode) || st.st_dev != first.st_dev || st.st_ino != first.st_ino) {
    error = "changed while it was read";
    return false;
  }
  out = std::move(fd);
  return true;
}

bool InputDir::is_within(dev_t dev, ino_t ino) const {
  Fd cur(::fcntl(dir_.get(), F_DUPFD_CLOEXEC, 0));
  for (int up = 0; cur && up < 4096; ++up) {
    struct stat here, parent;
    if (::fstat(cur.get(), &here) != 0) return false;
    if (here.st_dev == dev && here.st_ino == ino) return true;
    Fd next(::openat(cur.get(), "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!next || ::fstat(next.get(), &parent) != 0) return false;
    if (parent.st_dev == here.st_dev && parent.st_ino == here.st_ino) return false;  // the root
    cur = std::move(next);
  }
  return false;
}

// ---- OUT_DIR ----

bool OutputDir::open(const std::filesystem::path& path, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    error = "cannot create: " + ec.message();
    return false;
  }
  dir_ = Fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  struct stat st;
  if (!dir_ || ::fstat(dir_.get(), &st) != 0) {
    error = failed("cannot open");
    return false;
  }
  dev_ = st.st_dev;
  ino_ = st.st_ino;
  return true;
}

Fd OutputDir::parent_of(std::string_view rel, bool create, std::string& leaf, std::string& error) const {
  if (!is_safe_relative_name(rel)) {
    error = "not a name inside OUT_DIR";
    return Fd();
  }
  std::vector<std::string> names = names_of(rel);
  leaf = names.back();
  Fd folder(::fcntl(dir_.get(), F_DUPFD_CLOEXEC, 0));
  for (std::size_t i = 0; folder && i + 1 < names.size(); ++i) {
    const char* name = names[i].c_str();
    int fd = ::openat(folder.get(), name, kFolderFlags);
    // Other workers create the same folders at the same time: a few rounds settle it.
    for (int round = 0; fd < 0 && create && round < 4; ++round) {
      struct stat st;
      if (errno == ENOENT) {
        if (::mkdirat(folder.get(), name, 0755) != 0 && errno != EEXIST) break;
      } else if ((errno == ELOOP || errno == ENOTDIR) && ::fstatat(folder.get(), name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                 S_ISLNK(st.st_mode)) {
        // A link where Lede's folder goes: the link goes, whatever it points at stays.
        if (::unlinkat(folder.get(), name, 0) != 0 && errno != ENOENT) break;
        if (::mkdirat(folder.get(), name, 0755) != 0 && errno != EEXIST) break;
      } else {
        break;
      }
      fd = ::openat(folder.get(), name, kFolderFlags);
    }
    if (fd < 0) {
      error = errno == ENOTDIR || errno == ELOOP ? names[i] + " is a file where a folder must be"
                                                 : failed("cannot open " + names[i]);
      return Fd();
    }
    folder = Fd(fd);
  }
  if (!folder && error.empty()) error = failed("cannot open OUT_DIR");
  return folder;
}

OutputFile OutputDir::begin(std::string_view rel, std::string& error) const {
  OutputFile f;
  f.folder_ = parent_of(rel, true, f.leaf_, error);
  if (!f.folder_) return f;
  static std::atomic<unsigned long> counter{0};
  for (int attempt = 0; !f.file_ && attempt < 100; ++attempt) {
    f.temp_ = ".lede-tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    f.file_ = Fd(::openat(f.folder_.get(), f.temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!f.file_ && errno != EEXIST) break;
  }
  if (!f.file_) error = failed("cannot create a file");
  return f;
}

OutputFile& OutputFile::operator=(OutputFile&& o) noexcept {
  if (this != &o) {
    discard();
    folder_ = std::move(o.folder_);
    file_ = std::move(o.file_);
    temp_ = std::move(o.temp_);
    leaf_ = std::move(o.leaf_);
    buffer_ = std::move(o.buffer_);
    error_ = std::move(o.error_);
  }
  return *this;
}

OutputFile::~OutputFile() { discard(); }

void OutputFile::discard() {
  if (file_) {
    file_ = Fd();
    ::unlinkat(folder_.get(), temp_.c_str(), 0);
  }
}

void OutputFile::flush() {
  if (error_.empty() && file_ && !write_all(file_.get(), buffer_.data(), buffer_.size())) error_ = failed("cannot write");
  buffer_.clear();
}

void OutputFile::append_file(int from) {
  flush();
  std::vector<char> chunk(1 << 16);
  while (error_.empty()) {
    ssize_t n = ::read(from, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error_ = failed("cannot read");
    if (n <= 0) break;
    if (!write_all(file_.get(), chunk.data(), static_cast<std::size_t>(n))) error_ = failed("cannot write");
  }
}

bool OutputFile::commit(std::string& error) {
  if (!file_) {
    error = "not open";
    return false;
  }
  flush();
  if (error_.empty() && ::close(file_.release()) != 0) error_ = failed("cannot write");
  if (error_.empty() && ::renameat(folder_.get(), temp_.c_str(), folder_.get(), leaf_.c_str()) != 0)
    error_ = errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST ? "a folder has its name" : failed("cannot write");
  if (error_.empty()) return true;
  ::unlinkat(folder_.get(), temp_.c_str(), 0);
  error = error_;
  return false;
}

bool OutputDir::write(std::string_view rel, std::string_view data, std::string& error) const {
  OutputFile f = begin(rel, error);
  if (!f) return false;
  f.append(data);
  return f.commit(error);
}

bool OutputDir::remove(std::string_view rel) const {
  std::string leaf, error;
  Fd folder = parent_of(rel, false, leaf, error);
  if (!folder || ::unlinkat(folder.get(), leaf.c_str(), 0) != 0) return false;
  // Folders Lede made for it ("tags/x/") go with their last file; rmdir fails on one
  // that still holds anything.
  std::string_view up = rel;
  for (std::size_t slash = up.rfind('/'); slash != std::string_view::npos; slash = up.rfind('/')) {
    up = up.substr(0, slash);
    Fd parent = parent_of(up, false, leaf, error);
    if (!parent || ::unlinkat(parent.get(), leaf.c_str(), AT_REMOVEDIR) != 0) break;
  }
  return true;
}

bool OutputDir::lstat(std::string_view rel, struct stat& out) const {
  // A name at the top (every article's page and JSON, looked at on every rebuild) needs
  // no folder of its own: one system call, not three.
  if (rel.find('/') == std::string_view::npos)
    return is_safe_relative_name(rel) && ::fstatat(dir_.get(), std::string(rel).c_str(), &out, AT_SYMLINK_NOFOLLOW) == 0;
  std::string leaf, error;
  Fd folder = parent_of(rel, false, leaf, error);
  return folder && ::fstatat(folder.get(), leaf.c_str(), &out, AT_SYMLINK_NOFOLLOW) == 0;
}

bool OutputDir::stat(std::string_view rel, FileStamp& out) const {
  struct stat st;
  if (!lstat(rel, st) || !S_ISREG(st.st_mode)) return false;
  out = stamp_of(st);
  return true;
}

}  // namespace lede::site
