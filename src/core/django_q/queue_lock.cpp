#include "core/django_q/queue_lock.h"

namespace core {
namespace {

constexpr UnixMicros Seconds(std::int64_t seconds) { return seconds * 1'000'000; }

}  // namespace

UnixMicros EnqueueLock(Variant variant, UnixMicros now, std::int64_t retry_seconds) {
    return variant == Variant::DjangoQ1 ? now - Seconds(retry_seconds) : now;
}

UnixMicros DequeueLock(Variant variant, UnixMicros taken_at, std::int64_t retry_seconds) {
    return variant == Variant::DjangoQ1 ? taken_at : taken_at + Seconds(retry_seconds);
}

std::string EnqueueLockText(Variant variant, UnixMicros now, std::int64_t retry_seconds) {
    return FormatDjangoDatetime(EnqueueLock(variant, now, retry_seconds));  // drops a zero fraction, as str() does
}

LockReading ReadLock(Variant variant, const std::optional<std::string>& lock, UnixMicros now, std::int64_t retry_seconds) {
    LockReading reading;
    if (!lock) return reading;
    reading.lock = ParseDjangoDatetime(*lock);
    if (!reading.lock) {
        reading.state = LockState::Unreadable;
        return reading;
    }
    // q2 hands a row out once its lock is past; q1 once its lock is more than retry seconds old.
    reading.available_at = variant == Variant::DjangoQ1 ? *reading.lock + Seconds(retry_seconds) : *reading.lock;
    reading.state = *reading.available_at <= now ? LockState::Available : LockState::Taken;
    return reading;
}

}  // namespace core
