#include "host/memory_cgroup.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <thread>

namespace evident::host {
namespace fs = std::filesystem;

namespace {

// How long the processes left in a run's cgroup may take to go after SIGKILL.
constexpr std::chrono::seconds removal_patience{2};
constexpr std::string_view name_prefix = "evident-capture-";

std::string errno_name(int error) {
  const char* name = strerrorname_np(error);
  return name != nullptr ? name : "E" + std::to_string(error);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

bool has_word(std::string_view list, std::string_view word, char separator) {
  const std::vector<std::string_view> words = split(list, separator);
  return std::find(words.begin(), words.end(), word) != words.end();
}

// A field of the mount table, with its octal escapes ("\040" for a space) undone.
std::string unescaped(std::string_view field) {
  std::string text;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      const std::string_view digits = field.substr(i + 1, 3);
      if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '7'; })) {
        text.push_back(static_cast<char>((digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0')));
        i += 3;
        continue;
      }
    }
    text.push_back(field[i]);
  }
  return text;
}

std::optional<std::uint64_t> number_of(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// The value of "KEY N" in a flat keyed file such as memory.events or memory.oom_control.
std::optional<std::uint64_t> keyed_value(std::string_view text, std::string_view key) {
  for (const std::string_view line : split(text, '\n')) {
    const std::size_t space = line.find(' ');
    if (space != std::string_view::npos && line.substr(0, space) == key) return number_of(line.substr(space + 1));
  }
  return std::nullopt;
}

// The whole text of a file, or the errno of the failure.
struct FileText {
  std::optional<std::string> text;
  int error = 0;
};

FileText read_text(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {std::nullopt, errno};
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count > 0) {
      text.append(buffer, static_cast<std::size_t>(count));
    } else if (count == 0) {
      break;
    } else if (errno != EINTR) {
      const int error = errno;
      ::close(fd);
      return {std::nullopt, error};
    }
  }
  ::close(fd);
  return {std::move(text), 0};
}

// Writes text to an existing file (a cgroup's files are made by the kernel, never by evident); 0
// or the errno of the failure.
int write_text(const fs::path& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  const ssize_t written = ::write(fd, text.data(), text.size());
  const int error = written == static_cast<ssize_t>(text.size()) ? 0 : (written < 0 ? errno : EIO);
  ::close(fd);
  return error;
}

// The cgroup directory of path in a hierarchy mounted as mount; empty with why in problem when
// the hierarchy mounted there does not hold it.
std::string host_directory_of(const CgroupMount& mount, const std::string& path, std::string& problem) {
  const std::string& root = mount.root;
  std::string relative;
  if (root == "/") {
    relative = path;
  } else if (path == root || path.starts_with(root + "/")) {
    relative = path.substr(root.size());
  } else {
    problem =
        "this process's cgroup " + path + " is outside the part mounted at " + mount.mount_point + " (" + root + ")";
    return "";
  }
  while (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
  std::string directory = mount.mount_point;
  if (!relative.empty()) directory += (directory.ends_with('/') ? "" : "/") + relative;
  return directory;
}

fs::path below(const fs::path& root, const std::string& host_path) {
  return root / fs::path(host_path).relative_path();
}

// evident's cgroup in a hierarchy, as the host names it; empty with why in problem. hierarchy and
// entry name them in the message.
std::string own_cgroup(const CgroupMount& mount, const std::string& path, const std::string& hierarchy,
                       const std::string& entry, std::string& problem) {
  if (mount.mount_point.empty()) {
    problem = "no " + hierarchy + " is mounted";
    return "";
  }
  if (path.empty()) {
    problem = "/proc/self/cgroup names no " + entry + " of this process";
    return "";
  }
  return host_directory_of(mount, path, problem);
}

// Whether the runs' cgroups can be made in host_directory of mount (directory below the root); why not in problem.
bool writable(const CgroupMount& mount, const std::string& host_directory, const fs::path& directory,
              std::string& problem) {
  if (mount.read_only) {
    problem = "EROFS: " + mount.mount_point + " is mounted read-only";
    return false;
  }
  if (::access(directory.c_str(), W_OK) != 0) {
    problem = errno_name(errno) + ": " + host_directory + " is not writable";
    return false;
  }
  return true;
}

// Where the v2 cgroups of the runs can be made; why not in problem. cgroup v2 gives a cgroup's
// children a controller only while the cgroup holds no process (the root excepted), and evident's
// own cgroup holds evident: the runs' cgroups are made beside it, in its parent, which gives its
// children the memory controller exactly when evident's cgroup.controllers lists it. Only in the
// root of the hierarchy are they made below evident's cgroup.
MemoryCgroupPlace v2_place(const fs::path& root, const CgroupLayout& layout, std::string& problem) {
  MemoryCgroupPlace place;
  const std::string own_directory =
      own_cgroup(layout.v2, layout.v2_path, "cgroup2 hierarchy", "cgroup v2 (\"0::\")", problem);
  if (own_directory.empty()) return place;
  const FileText controllers = read_text(below(root, own_directory) / "cgroup.controllers");
  if (!controllers.text) {
    problem = errno_name(controllers.error) + ": " + own_directory + "/cgroup.controllers";
    return place;
  }
  std::string available = *controllers.text;
  while (!available.empty() && available.back() == '\n') available.pop_back();
  if (!has_word(available, "memory", ' ')) {
    problem =
        "the memory controller is not available in " + own_directory + " (cgroup.controllers: \"" + available + "\")";
    return place;
  }
  const bool at_root = own_directory == layout.v2.mount_point;
  const std::string host_directory = at_root ? own_directory : fs::path(own_directory).parent_path().string();
  const fs::path directory = below(root, host_directory);
  if (!writable(layout.v2, host_directory, directory, problem)) return place;
  place.version = CgroupVersion::v2;
  place.directory = directory;
  place.host_directory = host_directory;
  if (at_root) {
    const FileText subtree = read_text(directory / "cgroup.subtree_control");
    place.enable_controller = !subtree.text || !has_word(split(*subtree.text, '\n').front(), "memory", ' ');
  }
  return place;
}

MemoryCgroupPlace v1_place(const fs::path& root, const CgroupLayout& layout, std::string& problem) {
  MemoryCgroupPlace place;
  const std::string host_directory = own_cgroup(layout.v1_memory, layout.v1_memory_path,
                                                "hierarchy of the memory controller", "memory cgroup", problem);
  if (host_directory.empty()) return place;
  const fs::path directory = below(root, host_directory);
  if (!fs::exists(directory / "memory.limit_in_bytes")) {
    problem = "ENOENT: " + host_directory + "/memory.limit_in_bytes";
    return place;
  }
  if (!writable(layout.v1_memory, host_directory, directory, problem)) return place;
  place.version = CgroupVersion::v1;
  place.directory = directory;
  place.host_directory = host_directory;
  return place;
}

}  // namespace

std::string mechanism_name(CgroupVersion version) { return version == CgroupVersion::v2 ? "cgroup_v2" : "cgroup_v1"; }

CgroupLayout cgroup_layout(std::string_view mountinfo, std::string_view self_cgroup) {
  CgroupLayout layout;
  for (const std::string_view line : split(mountinfo, '\n')) {
    // ID PARENT MAJOR:MINOR ROOT MOUNT_POINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER_OPTIONS
    const std::vector<std::string_view> fields = split(line, ' ');
    const auto dash = std::find(fields.begin(), fields.end(), "-");
    if (fields.size() < 6 || dash == fields.end() || fields.end() - dash < 4) continue;
    const std::string_view type = *(dash + 1);
    const std::string_view super_options = *(dash + 3);
    CgroupMount mount{unescaped(fields[4]), unescaped(fields[3]), has_word(fields[5], "ro", ',')};
    if (type == "cgroup2" && layout.v2.mount_point.empty()) {
      layout.v2 = std::move(mount);
    } else if (type == "cgroup" && has_word(super_options, "memory", ',') && layout.v1_memory.mount_point.empty()) {
      layout.v1_memory = std::move(mount);
    }
  }
  for (const std::string_view line : split(self_cgroup, '\n')) {
    // ID:CONTROLLERS:PATH; the path may itself hold ':'.
    const std::size_t first = line.find(':');
    const std::size_t second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) continue;
    const std::string_view id = line.substr(0, first);
    const std::string_view controllers = line.substr(first + 1, second - first - 1);
    const std::string path(line.substr(second + 1));
    if (id == "0" && controllers.empty()) layout.v2_path = path;
    if (has_word(controllers, "memory", ',')) layout.v1_memory_path = path;
  }
  return layout;
}

MemoryCgroupPlace find_memory_cgroup(const fs::path& root) {
  const FileText mountinfo = read_text(root / "proc/self/mountinfo");
  const FileText self_cgroup = read_text(root / "proc/self/cgroup");
  if (!mountinfo.text || !self_cgroup.text) {
    MemoryCgroupPlace place;
    place.problem = !mountinfo.text ? errno_name(mountinfo.error) + ": /proc/self/mountinfo"
                                    : errno_name(self_cgroup.error) + ": /proc/self/cgroup";
    return place;
  }
  const CgroupLayout layout = cgroup_layout(*mountinfo.text, *self_cgroup.text);
  std::string v2_problem, v1_problem;
  MemoryCgroupPlace place = v2_place(root, layout, v2_problem);
  if (place.version) return place;
  place = v1_place(root, layout, v1_problem);
  if (place.version) return place;
  place.problem = "cgroup v2: " + v2_problem + "; cgroup v1: " + v1_problem;
  return place;
}

MemoryUsage read_memory_usage(CgroupVersion version, const fs::path& directory, bool killed_by_sigkill) {
  MemoryUsage usage;
  const char* peak_file = version == CgroupVersion::v2 ? "memory.peak" : "memory.max_usage_in_bytes";
  const FileText peak = read_text(directory / peak_file);
  if (peak.text) usage.peak_bytes = number_of(*peak.text);
  if (!peak.text) {
    usage.peak_problem = errno_name(peak.error) + ": " + peak_file;
    if (peak.error == ENOENT && version == CgroupVersion::v2) {
      usage.peak_problem += ": this kernel does not record the peak of a cgroup (Linux 5.19 and later do)";
    }
  } else if (!usage.peak_bytes) {
    usage.peak_problem = std::string("EINVAL: ") + peak_file + " holds no number";
  }
  const FileText events =
      read_text(directory / (version == CgroupVersion::v2 ? "memory.events" : "memory.oom_control"));
  const std::optional<std::uint64_t> kills = events.text ? keyed_value(*events.text, "oom_kill") : std::nullopt;
  if (kills) {
    usage.oom_killed = *kills > 0;
  } else if (killed_by_sigkill) {
    // No counter (cgroup v1 before Linux 4.13): a SIGKILL after the limit was hit is the OOM killer's.
    const FileText failures =
        read_text(directory / (version == CgroupVersion::v2 ? "memory.events" : "memory.failcnt"));
    const std::optional<std::uint64_t> count =
        !failures.text
            ? std::nullopt
            : (version == CgroupVersion::v2 ? keyed_value(*failures.text, "max") : number_of(*failures.text));
    usage.oom_killed = count.value_or(0) > 0;
  }
  return usage;
}

std::string MemoryCgroup::create(const MemoryCgroupPlace& place, std::uint64_t bytes, const std::string& name) {
  remove();
  if (!place.version) return place.problem;
  const std::string host_path = place.host_directory + "/" + name;
  const auto failed = [&](const std::string& what, int error) { return errno_name(error) + ": " + what; };
  if (*place.version == CgroupVersion::v2 && place.enable_controller) {
    if (const int error = write_text(place.directory / "cgroup.subtree_control", "+memory"); error != 0) {
      std::string message = failed("+memory in " + place.host_directory + "/cgroup.subtree_control", error);
      if (error == EBUSY) {
        message += ": the root of the cgroup hierarchy refuses the memory controller to its children";
      }
      return message;
    }
  }
  const fs::path directory = place.directory / name;
  if (::mkdir(directory.c_str(), 0755) != 0) return failed("mkdir " + host_path, errno);
  directory_ = directory;
  version_ = *place.version;
  const std::string limit = std::to_string(bytes);
  const char* limit_file = version_ == CgroupVersion::v2 ? "memory.max" : "memory.limit_in_bytes";
  if (const int error = write_text(directory / limit_file, limit); error != 0) {
    remove();
    return failed(host_path + "/" + limit_file, error);
  }
  if (version_ == CgroupVersion::v2) {
    // No swap beyond the limit, and an OOM kill ends the whole run, not one process of it.
    write_text(directory / "memory.swap.max", "0");
    write_text(directory / "memory.oom.group", "1");
  } else {
    write_text(directory / "memory.memsw.limit_in_bytes", limit);  // memory plus swap: no swap beyond the limit
  }
  const FileText applied = read_text(directory / limit_file);
  const std::optional<std::uint64_t> applied_bytes = applied.text ? number_of(*applied.text) : std::nullopt;
  if (!applied_bytes) {
    remove();
    return applied.text ? "EINVAL: " + host_path + "/" + limit_file + " reads back \"" + *applied.text + "\""
                        : failed(host_path + "/" + limit_file, applied.error);
  }
  limit_bytes_ = *applied_bytes;
  return "";
}

std::string MemoryCgroup::remove() {
  if (directory_.empty()) return "";
  const auto until = std::chrono::steady_clock::now() + removal_patience;
  int error = 0;
  for (;;) {
    if (::rmdir(directory_.c_str()) == 0 || errno == ENOENT) {
      directory_.clear();
      return "";
    }
    error = errno;
    if (error != EBUSY || std::chrono::steady_clock::now() >= until) break;
    // Processes of the run that left its process group are still in the cgroup: end them, and reap
    // those that were orphaned to this process.
    const FileText procs = read_text(directory_ / "cgroup.procs");
    for (const std::string_view line : split(procs.text.value_or(""), '\n')) {
      if (const std::optional<std::uint64_t> pid = number_of(line); pid && *pid > 0) {
        ::kill(static_cast<pid_t>(*pid), SIGKILL);
        ::waitpid(static_cast<pid_t>(*pid), nullptr, WNOHANG);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::string message = errno_name(error) + ": rmdir " + directory_.string();
  directory_.clear();
  return message;
}

std::string run_cgroup_name(int pid, std::size_t index) {
  return std::string(name_prefix) + std::to_string(pid) + "-" + std::to_string(index);
}

std::vector<std::string> remove_leftover_cgroups(const MemoryCgroupPlace& place) {
  std::vector<std::string> problems;
  if (!place.version) return problems;
  std::error_code error;
  std::vector<std::string> names;
  for (fs::directory_iterator it(place.directory, error), end; !error && it != end; it.increment(error)) {
    if (it->is_directory(error)) names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (!name.starts_with(name_prefix)) continue;
    const std::string_view rest = std::string_view(name).substr(name_prefix.size());
    const std::size_t dash = rest.find('-');
    const std::optional<std::uint64_t> pid = number_of(rest.substr(0, dash));
    if (dash == std::string_view::npos || !pid || !number_of(rest.substr(dash + 1))) continue;
    // Its evident still runs (this one, or another capture beside it).
    if (*pid == static_cast<std::uint64_t>(::getpid()) || ::kill(static_cast<pid_t>(*pid), 0) == 0 || errno != ESRCH) {
      continue;
    }
    if (::rmdir((place.directory / name).c_str()) != 0) {
      problems.push_back("cannot remove the cgroup " + place.host_directory + "/" + name +
                         " left by a capture that is no longer running (" + errno_name(errno) +
                         (errno == EBUSY ? ": it still holds processes)" : ")"));
    }
  }
  return problems;
}

}  // namespace evident::host
