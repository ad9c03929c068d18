#include "adapters/history/civil_time.hpp"

#include <cstdio>
#include <string>

namespace sharpline::adapters::history {

namespace {

constexpr int64_t kMsPerMinute = 60'000;
constexpr int64_t kMsPerHour = 60 * kMsPerMinute;
constexpr int64_t kMsPerDay = 24 * kMsPerHour;

int64_t utc_ms(int year, int month, int day, int hour) {
  return days_from_civil(year, month, day) * kMsPerDay + hour * kMsPerHour;
}

// Tries the daylight offset first: a time whose daylight reading falls inside the daylight
// window is daylight time; anything else is standard time. This also settles the ambiguous
// autumn hour (daylight) and the skipped spring hour (read as standard time, one hour later).
int64_t to_utc(const LocalDateTime& local, int standard_offset_h, int64_t dst_start_utc,
               int64_t dst_end_utc) {
  const int64_t naive = naive_utc_ms(local);
  const int64_t as_daylight = naive - (standard_offset_h + 1) * kMsPerHour;
  if (as_daylight >= dst_start_utc && as_daylight < dst_end_utc) return as_daylight;
  return naive - standard_offset_h * kMsPerHour;
}

}  // namespace

int weekday(int year, int month, int day) {
  const int64_t days = days_from_civil(year, month, day);
  // 1970-01-01 was a Thursday (4).
  return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int sunday_of_month(int year, int month, int n) {
  if (n == 0) {
    const int last = days_in_month(year, month);
    return last - weekday(year, month, last);
  }
  const int first_sunday = 1 + (7 - weekday(year, month, 1)) % 7;
  return first_sunday + 7 * (n - 1);
}

int64_t naive_utc_ms(const LocalDateTime& local) {
  return days_from_civil(local.year, local.month, local.day) * kMsPerDay + local.hour * kMsPerHour +
         local.minute * kMsPerMinute;
}

int64_t uk_local_to_utc_ms(const LocalDateTime& local) {
  const int y = local.year;
  return to_utc(local, 0, utc_ms(y, 3, sunday_of_month(y, 3, 0), 1),
                utc_ms(y, 10, sunday_of_month(y, 10, 0), 1));
}

int64_t us_eastern_to_utc_ms(const LocalDateTime& local) {
  return us_local_to_utc_ms(local, -5);
}

int64_t us_local_to_utc_ms(const LocalDateTime& local, int standard_offset_h) {
  const int y = local.year;
  // 02:00 standard time is 02:00 - offset UTC; 02:00 daylight time is one hour earlier.
  const int start_hour_utc = 2 - standard_offset_h;
  const int end_hour_utc = 1 - standard_offset_h;
  if (y >= 2007) {
    return to_utc(local, standard_offset_h, utc_ms(y, 3, sunday_of_month(y, 3, 2), start_hour_utc),
                  utc_ms(y, 11, sunday_of_month(y, 11, 1), end_hour_utc));
  }
  return to_utc(local, standard_offset_h, utc_ms(y, 4, sunday_of_month(y, 4, 1), start_hour_utc),
                utc_ms(y, 10, sunday_of_month(y, 10, 0), end_hour_utc));
}

int64_t fixed_offset_to_utc_ms(const LocalDateTime& local, int offset_h) {
  return naive_utc_ms(local) - offset_h * kMsPerHour;
}

bool parse_hh_mm(std::string_view text, LocalDateTime& at) {
  int h = 0, m = 0;
  char tail = 0;
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%2d:%2d%c", &h, &m, &tail) != 2) return false;
  if (h < 0 || h > 23 || m < 0 || m > 59) return false;
  at.hour = h;
  at.minute = m;
  return true;
}

}  // namespace sharpline::adapters::history
