// The two folders `lede site` touches, reached only through directory handles, one name
// at a time, never through a symbolic link (POSIX openat() with O_NOFOLLOW):
//
// - InputDir reads the articles folder: entries are listed as what they are (a link is
//   reported as a link, not as what it points at), and a file is opened only if it is a
//   regular file, by a walk that refuses a link at every step.
// - OutputDir writes OUT_DIR: each file is written to a new temporary file in its
//   folder and renamed over its name, so whatever had the name (a link to a file
//   elsewhere, a hard link shared with a file elsewhere) is replaced, never written
//   through; a link where a folder must be is replaced by a folder.
//
// OUT_DIR itself is the folder the user named, resolved once when it is opened; every
// name below it is Lede's. Names given to these classes are relative ("media/a.png"),
// and one with an empty, "." or ".." part, or that starts with "/", is refused.
#pragma once
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace lede::site {

// A file's identity and version, as a rebuild compares them.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp& o) const { return size == o.size && mtime_ns == o.mtime_ns; }
};
FileStamp stamp_of(const struct stat& st);

bool is_safe_relative_name(std::string_view rel);

// An open file descriptor, closed when it goes.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.release()) {}
  Fd& operator=(Fd&& o) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

class InputDir {
 public:
  enum class Kind { file, folder, link, other };
  struct Entry {
    std::string rel;  // "story.json", "media/a.png"
    Kind kind;
    FileStamp stamp;
    int depth;  // 0 at the top of the folder
  };

  // Opens `path` (following it if it is itself a link: it is the folder the user named).
  bool open(const std::filesystem::path& path, std::string& error);

  // Calls `visit` for every entry below the folder, in the order the file system lists
  // them. Folders are entered after `visit` returns true for them; links and hidden
  // entries are reported and never entered. A folder with `skip_folder`'s identity
  // (OUT_DIR, when it is inside the articles folder) is neither reported nor entered.
  void walk(const std::function<bool(const Entry&)>& visit, dev_t skip_dev = 0, ino_t skip_ino = 0) const;

  // Opens a regular file below the folder for reading; false (with a reason) for a link
  // anywhere on the way, a folder, a FIFO, a device or a socket.
  bool open_file(std::string_view rel, Fd& out, struct stat& st, std::string& error) const;

  // Whether this folder is `dev`/`ino` or inside it (walking up through "..").
  bool is_within(dev_t dev, ino_t ino) const;

  int fd() const { return dir_.get(); }

 private:
  Fd dir_;
};

class OutputDir;

// A file being written below OUT_DIR: appended to in pieces (flushed every 64 KB, so a
// feed or a sitemap of any size is never held whole), then committed, which renames it
// over its name. Dropped without commit(), it leaves nothing behind.
class OutputFile {
 public:
  OutputFile() = default;
  OutputFile(OutputFile&&) noexcept = default;
  OutputFile& operator=(OutputFile&&) noexcept;
  ~OutputFile();
  explicit operator bool() const { return static_cast<bool>(file_); }

  // The buffer: append to it directly, then call flush_if_full().
  std::string& text() { return buffer_; }
  void flush_if_full() {
    if (buffer_.size() >= (1 << 16)) flush();
  }
  void append(std::string_view s) {
    buffer_ += s;
    flush_if_full();
  }
  // Everything left in `from` (an open file), in chunks.
  void append_file(int from);

  bool commit(std::string& error);

 private:
  friend class OutputDir;
  void flush();
  void discard();
  Fd folder_, file_;
  std::string temp_, leaf_, buffer_, error_;
};

class OutputDir {
 public:
  // Opens `path`, creating it and its parents if missing.
  bool open(const std::filesystem::path& path, std::string& error);

  // Starts `rel`: a new file in rel's folder (created if missing), renamed over rel by
  // commit().
  OutputFile begin(std::string_view rel, std::string& error) const;

  // begin, append, commit.
  bool write(std::string_view rel, std::string_view data, std::string& error) const;

  // Removes the file `rel` (a link is removed, not what it points at), then every folder
  // above it that this leaves empty. False if there was nothing to remove.
  bool remove(std::string_view rel) const;

  // Whether `rel` is a regular file (not a link), and its stamp.
  bool stat(std::string_view rel, FileStamp& out) const;
  // Whether something is at `rel`, and what (a link counts as itself).
  bool lstat(std::string_view rel, struct stat& out) const;

  dev_t dev() const { return dev_; }
  ino_t ino() const { return ino_; }
  int fd() const { return dir_.get(); }

 private:
  // Opens (creating if asked) the folder holding `rel`'s last name; `leaf` gets that name.
  Fd parent_of(std::string_view rel, bool create, std::string& leaf, std::string& error) const;

  Fd dir_;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
};

}  // namespace lede::site
