#include "core/pattern_automaton.h"

#include <algorithm>
#include <bitset>
#include <cstddef>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace evident {

namespace {

constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();
constexpr std::size_t max_count = 100;    // the largest n or m of {n,m}
constexpr std::size_t max_nodes = 4000;   // of the nondeterministic automaton, counts written out
constexpr std::size_t max_depth = 32;     // groups within groups: the parser recurses once for each
constexpr std::size_t max_states = 4096;  // of the deterministic one
// The steps of building it (a state's nodes, and its taking nodes for each class of bytes): a
// pattern of a user's Table Schema is compiled in milliseconds or left to std::regex.
constexpr std::size_t max_work = 20'000'000;

using Bytes = std::bitset<256>;

// The pattern as a tree.
struct Tree {
  enum class Kind : std::uint8_t { bytes, begin, end, sequence, alternatives, repeat };
  Kind kind = Kind::sequence;
  Bytes bytes;                               // bytes: the bytes it takes
  std::vector<std::unique_ptr<Tree>> parts;  // sequence, alternatives; repeat: the one repeated
  std::size_t least = 0, most = 0;           // repeat: {least,most}, most may be unbounded
};

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool is_one_of(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

// Characters that stand for themselves (ECMAScript), outside and inside brackets.
bool is_plain(char c, bool in_brackets) {
  return is_alnum(c) || is_one_of(c, in_brackets ? "_/:@, =!#%&'<>;~\".*+?(){}|$" : "_-/:@, =!#%&'<>;~\"");
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Thrown where the pattern leaves the subset; compile() then answers nothing.
struct Outside {};

class Parser {
 public:
  explicit Parser(std::string_view pattern) : pattern_(pattern) {}

  std::unique_ptr<Tree> whole() {
    std::unique_ptr<Tree> tree = alternatives();
    if (at_ < pattern_.size()) throw Outside{};  // a ")" without its "("
    return tree;
  }

 private:
  std::string_view pattern_;
  std::size_t at_ = 0;
  std::size_t depth_ = 0;  // of the group being read

  bool more() const { return at_ < pattern_.size(); }
  char peek() const { return pattern_[at_]; }

  std::unique_ptr<Tree> alternatives() {
    auto choice = std::make_unique<Tree>();
    choice->kind = Tree::Kind::alternatives;
    choice->parts.push_back(sequence());
    while (more() && peek() == '|') {
      ++at_;
      choice->parts.push_back(sequence());
    }
    return choice;
  }

  std::unique_ptr<Tree> sequence() {
    auto sequence = std::make_unique<Tree>();
    sequence->kind = Tree::Kind::sequence;
    while (more() && peek() != '|' && peek() != ')') sequence->parts.push_back(counted(atom()));
    return sequence;
  }

  std::unique_ptr<Tree> atom() {
    auto tree = std::make_unique<Tree>();
    const char c = peek();
    ++at_;
    if (c == '^' || c == '$') {
      tree->kind = c == '^' ? Tree::Kind::begin : Tree::Kind::end;
    } else if (c == '(') {
      if (more() && peek() == '?') {
        if (pattern_.substr(at_, 2) != "?:") throw Outside{};  // lookahead and the like
        at_ += 2;
      }
      if (++depth_ > max_depth) throw Outside{};
      tree = alternatives();
      --depth_;
      if (!more() || peek() != ')') throw Outside{};
      ++at_;
    } else if (c == '[') {
      tree->kind = Tree::Kind::bytes;
      tree->bytes = bracket();
    } else if (c == '\\') {
      tree->kind = Tree::Kind::bytes;
      tree->bytes.set(escaped("\\/.-*+?()[]{}|^$"));
    } else if (is_plain(c, false)) {
      tree->kind = Tree::Kind::bytes;
      tree->bytes.set(static_cast<unsigned char>(c));
    } else {
      throw Outside{};
    }
    return tree;
  }

  // The byte of an escape whose backslash was read: \xHH or one of punctuation.
  unsigned char escaped(std::string_view punctuation) {
    if (!more()) throw Outside{};
    const char c = peek();
    ++at_;
    if (c == 'x') {
      if (at_ + 2 > pattern_.size()) throw Outside{};
      const int high = hex_value(pattern_[at_]);
      const int low = hex_value(pattern_[at_ + 1]);
      if (high < 0 || low < 0 || high > 7) throw Outside{};  // beyond ASCII
      at_ += 2;
      return static_cast<unsigned char>(high * 16 + low);
    }
    if (!is_one_of(c, punctuation)) throw Outside{};
    return static_cast<unsigned char>(c);
  }

  // One character of a bracket: itself or an escape.
  unsigned char bracket_character() {
    const char c = peek();
    ++at_;
    if (c == '\\') return escaped("\\/.-[]^");
    if (!is_plain(c, true) && c != '-' && c != '^') throw Outside{};
    return static_cast<unsigned char>(c);
  }

  // A bracket whose "[" was read, to its "]".
  Bytes bracket() {
    Bytes bytes;
    const bool negated = more() && peek() == '^';
    if (negated) ++at_;
    if (more() && peek() == ']') throw Outside{};  // "[]" and "[^]"
    for (bool first = true;; first = false) {
      if (!more()) throw Outside{};
      if (peek() == ']') {
        ++at_;
        break;
      }
      if (peek() == '[') throw Outside{};  // "[:alpha:]" and the like
      // A hyphen stands for itself first or last; anywhere else ("[a-z-0]") it is left to std::regex.
      if (peek() == '-' && !first && at_ + 1 < pattern_.size() && pattern_[at_ + 1] != ']') throw Outside{};
      const unsigned char from = bracket_character();
      if (at_ + 1 < pattern_.size() && peek() == '-' && pattern_[at_ + 1] != ']') {
        ++at_;
        if (peek() == '[') throw Outside{};
        const unsigned char to = bracket_character();
        if (to < from) throw Outside{};
        for (unsigned b = from; b <= to; ++b) bytes.set(b);
      } else {
        bytes.set(from);
      }
    }
    if (negated) bytes.flip();
    return bytes;
  }

  std::optional<std::size_t> number() {
    const std::size_t start = at_;
    std::size_t value = 0;
    while (more() && peek() >= '0' && peek() <= '9' && at_ - start < 4) {
      value = value * 10 + static_cast<std::size_t>(peek() - '0');
      ++at_;
    }
    if (at_ == start) return std::nullopt;
    return value;
  }

  std::unique_ptr<Tree> counted(std::unique_ptr<Tree> atom) {
    if (!more()) return atom;
    std::size_t least = 0;
    std::size_t most = 0;
    const char c = peek();
    if (c == '*' || c == '+' || c == '?') {
      ++at_;
      least = c == '+' ? 1 : 0;
      most = c == '?' ? 1 : unbounded;
    } else if (c == '{') {
      ++at_;
      const std::optional<std::size_t> n = number();
      if (!n || !more()) throw Outside{};
      least = most = *n;
      if (peek() == ',') {
        ++at_;
        most = more() && peek() == '}' ? unbounded : number().value_or(max_count + 1);
      }
      if (!more() || peek() != '}' || most < least || least > max_count || (most != unbounded && most > max_count))
        throw Outside{};
      ++at_;
    } else {
      return atom;
    }
    if (atom->kind == Tree::Kind::begin || atom->kind == Tree::Kind::end) throw Outside{};
    if (more() && (peek() == '?' || peek() == '*' || peek() == '+' || peek() == '{')) throw Outside{};  // lazy, twice
    auto repeat = std::make_unique<Tree>();
    repeat->kind = Tree::Kind::repeat;
    repeat->least = least;
    repeat->most = most;
    repeat->parts.push_back(std::move(atom));
    return repeat;
  }
};

// The nondeterministic automaton: a node takes a byte of its class to next, or moves on without one
// (to next and, a split, also to other; an anchor only where it holds).
struct Node {
  enum class Kind : std::uint8_t { take, free, begin, end, found };
  Kind kind = Kind::free;
  std::size_t bytes = 0;  // take: index of its class
  std::size_t next = 0;
  std::size_t other = unbounded;
};

class Nondeterministic {
 public:
  std::vector<Node> nodes;
  std::vector<Bytes> classes;

  // Nodes for tree, entering at the returned node and leaving to exit.
  std::size_t build(const Tree& tree, std::size_t exit) {
    switch (tree.kind) {
      case Tree::Kind::bytes: {
        classes.push_back(tree.bytes);
        return add({Node::Kind::take, classes.size() - 1, exit});
      }
      case Tree::Kind::begin:
        return add({Node::Kind::begin, 0, exit});
      case Tree::Kind::end:
        return add({Node::Kind::end, 0, exit});
      case Tree::Kind::sequence: {
        std::size_t entry = exit;
        for (auto part = tree.parts.rbegin(); part != tree.parts.rend(); ++part) entry = build(**part, entry);
        return entry == exit ? add({Node::Kind::free, 0, exit}) : entry;
      }
      case Tree::Kind::alternatives: {
        std::size_t entry = build(*tree.parts.back(), exit);
        for (auto part = tree.parts.rbegin() + 1; part != tree.parts.rend(); ++part) {
          entry = add({Node::Kind::free, 0, build(**part, exit), entry});
        }
        return entry;
      }
      case Tree::Kind::repeat:
        return repeat(*tree.parts.front(), tree.least, tree.most, exit);
    }
    throw Outside{};
  }

  std::size_t add(Node node) {
    if (nodes.size() >= max_nodes) throw Outside{};
    nodes.push_back(node);
    return nodes.size() - 1;
  }

 private:
  // least copies of tree, then most - least optional ones (or a loop, for an unbounded count).
  std::size_t repeat(const Tree& tree, std::size_t least, std::size_t most, std::size_t exit) {
    std::size_t entry = exit;
    if (most == unbounded) {
      // A loop: a split that enters the tree, whose end comes back to the split.
      const std::size_t split = add({Node::Kind::free, 0, 0, exit});
      nodes[split].next = build(tree, split);
      entry = split;
    } else {
      for (std::size_t i = least; i < most; ++i) entry = add({Node::Kind::free, 0, build(tree, entry), exit});
      // Each optional copy may also skip straight to the exit: none of the rest can follow it.
    }
    for (std::size_t i = 0; i < least; ++i) entry = build(tree, entry);
    return entry;
  }
};

}  // namespace

class PatternAutomatonBuilder {
 public:
  static std::optional<PatternAutomaton> build(std::string_view pattern) {
    try {
      const std::unique_ptr<Tree> tree = Parser(pattern).whole();
      Nondeterministic automaton;
      const std::size_t found = automaton.add({Node::Kind::found, 0, 0});
      const std::size_t start = automaton.build(*tree, found);
      return PatternAutomatonBuilder(automaton, start).result_;
    } catch (const Outside&) {
      return std::nullopt;
    }
  }

 private:
  const Nondeterministic& nfa_;
  std::size_t start_;
  PatternAutomaton result_;
  std::vector<std::size_t> class_byte_;  // a byte of each class of bytes

  PatternAutomatonBuilder(const Nondeterministic& nfa, std::size_t start) : nfa_(nfa), start_(start) {
    group_bytes();
    determinise();
  }

  // Bytes that every class of the pattern holds or lacks alike take the same moves.
  void group_bytes() {
    std::map<std::vector<bool>, std::uint16_t> class_of_signature;
    for (unsigned byte = 0; byte < 256; ++byte) {
      std::vector<bool> signature(nfa_.classes.size());
      for (std::size_t i = 0; i < nfa_.classes.size(); ++i) signature[i] = nfa_.classes[i].test(byte);
      const auto [entry, added] =
          class_of_signature.emplace(std::move(signature), static_cast<std::uint16_t>(class_of_signature.size()));
      if (added) class_byte_.push_back(byte);
      result_.class_of_[byte] = entry->second;
    }
  }

  // The nodes reachable from nodes without taking a byte, anchors followed where they hold; their
  // taking nodes (sorted), and whether the found node is among them.
  std::pair<std::vector<std::size_t>, bool> closure(const std::vector<std::size_t>& from, bool at_begin,
                                                    bool at_end) const {
    std::vector<bool> seen(nfa_.nodes.size());
    std::vector<std::size_t> stack = from;
    std::vector<std::size_t> taking;
    bool found = false;
    while (!stack.empty()) {
      const std::size_t id = stack.back();
      stack.pop_back();
      if (seen[id]) continue;
      seen[id] = true;
      const Node& node = nfa_.nodes[id];
      switch (node.kind) {
        case Node::Kind::take:
          taking.push_back(id);
          break;
        case Node::Kind::found:
          found = true;
          break;
        case Node::Kind::begin:
          if (at_begin) stack.push_back(node.next);
          break;
        case Node::Kind::end:
          if (at_end) stack.push_back(node.next);
          break;
        case Node::Kind::free:
          stack.push_back(node.next);
          if (node.other != unbounded) stack.push_back(node.other);
          break;
      }
    }
    std::sort(taking.begin(), taking.end());
    return {taking, found};
  }

  // Subset construction. A state is the set of nodes entered after the bytes read so far, the start
  // among them after every byte (a match may begin anywhere); the first state is the start at the
  // beginning of the text, where ^ holds.
  void determinise() {
    struct Key {
      std::vector<std::size_t> entered;
      bool first;
      auto operator<=>(const Key&) const = default;
    };
    std::map<Key, std::uint16_t> state_of;
    std::vector<Key> keys;
    const auto state = [&](Key key) {
      const auto [entry, added] = state_of.emplace(key, static_cast<std::uint16_t>(keys.size()));
      if (added) {
        if (keys.size() >= max_states) throw Outside{};
        keys.push_back(std::move(key));
      }
      return entry->second;
    };
    state({{start_}, true});
    const std::size_t classes = class_byte_.size();
    std::size_t work = 0;
    for (std::size_t s = 0; s < keys.size(); ++s) {
      const Key key = keys[s];
      const bool empty_text = key.first;  // at the first state the text may also end: ^ and $ both hold
      const auto [taking, found] = closure(key.entered, key.first, false);
      work += nfa_.nodes.size() + taking.size() * classes;
      if (work > max_work) throw Outside{};
      result_.found_at_end_.push_back(found || closure(key.entered, empty_text, true).second ? 1 : 0);
      if (found) {  // a match whatever follows: the state keeps to itself, and answers at the end
        result_.next_.insert(result_.next_.end(), classes, static_cast<std::uint16_t>(s));
        continue;
      }
      for (std::size_t c = 0; c < classes; ++c) {
        std::vector<std::size_t> entered{start_};
        for (const std::size_t id : taking) {
          const Node& node = nfa_.nodes[id];
          if (nfa_.classes[node.bytes].test(class_byte_[c])) entered.push_back(node.next);
        }
        std::sort(entered.begin(), entered.end());
        entered.erase(std::unique(entered.begin(), entered.end()), entered.end());
        result_.next_.push_back(state({std::move(entered), false}));
      }
    }
    // Made state by state; looked up class by class (PatternAutomaton::next_).
    const std::size_t states = keys.size();
    std::vector<std::uint16_t> by_class(result_.next_.size());
    for (std::size_t s = 0; s < states; ++s) {
      for (std::size_t c = 0; c < classes; ++c) by_class[c * states + s] = result_.next_[s * classes + c];
    }
    result_.next_ = std::move(by_class);
  }
};

std::optional<PatternAutomaton> PatternAutomaton::compile(std::string_view pattern) {
  return PatternAutomatonBuilder::build(pattern);
}

std::optional<PatternAutomaton> PatternAutomaton::compile_whole(std::string_view pattern) {
  // Only a pattern that parses on its own is wrapped: "a)|(b" would otherwise become one.
  try {
    (void)Parser(pattern).whole();
  } catch (const Outside&) {
    return std::nullopt;
  }
  return compile("^(?:" + std::string(pattern) + ")$");
}

bool PatternAutomaton::search(std::string_view text) const {
  const std::size_t states = found_at_end_.size();
  std::size_t state = 0;
  for (const char c : text) state = next_[class_of_[static_cast<unsigned char>(c)] * states + state];
  return found_at_end_[state] != 0;
}

}  // namespace evident
