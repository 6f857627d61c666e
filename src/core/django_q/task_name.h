// New task ids and names as Django Q makes them: django_q.humanhash.uuid() is
// (humanize(uuid4().hex), uuid4().hex), and the human name is the task's default name.
#pragma once

#include <string>
#include <string_view>

namespace core {

// A random uuid4 as 32 lowercase hex digits.
std::string NewTaskId();
// humanhash.humanize(hex, words=4): the digest's bytes split into `words` segments, each XOR-ed
// into one byte that picks a word: "alabama-sad-fillet-mango". Empty for text that is not hex.
std::string HumanHash(std::string_view hex, int words = 4);

}  // namespace core
