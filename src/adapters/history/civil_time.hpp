#pragma once

// Calendar arithmetic and the two time zones the historical files use (UK for football-data,
// US Eastern for nflverse). The files give local wall-clock times without an offset; these
// functions apply the daylight-saving rules of the file's country.

#include <cstdint>
#include <string_view>

#include "domain/events/civil_days.hpp"

namespace sharpline::adapters::history {

struct LocalDateTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date (the domain's conversion).
using domain::events::days_from_civil;
// 0 = Sunday .. 6 = Saturday.
int weekday(int year, int month, int day);
int days_in_month(int year, int month);
// Day of month of the n-th (1-based) Sunday, or of the last Sunday when n == 0.
int sunday_of_month(int year, int month, int n);

// "HH:MM" (24 h, nothing after it) into at.hour and at.minute; false (at unchanged) otherwise.
bool parse_hh_mm(std::string_view text, LocalDateTime& at);

// The wall-clock time read as UTC.
int64_t naive_utc_ms(const LocalDateTime& local);

// UK civil time: GMT, or BST (UTC+1) from the last Sunday of March 01:00 UTC to the last Sunday
// of October 01:00 UTC. A repeated autumn hour resolves to its first (BST) occurrence.
int64_t uk_local_to_utc_ms(const LocalDateTime& local);

// US Eastern time: EST (UTC-5), or EDT (UTC-4) from 02:00 local on the second Sunday of March to
// 02:00 local on the first Sunday of November (rules since 2007); before 2007, from the first
// Sunday of April to the last Sunday of October. A repeated hour resolves to its EDT occurrence.
int64_t us_eastern_to_utc_ms(const LocalDateTime& local);

// Any US zone with daylight saving, by its standard offset from UTC (Eastern -5, Central -6,
// Mountain -7, Pacific -8); the same transition rules as us_eastern_to_utc_ms, at 02:00 local.
int64_t us_local_to_utc_ms(const LocalDateTime& local, int standard_offset_h);

// A zone without daylight saving (Arizona -7, Seoul and Tokyo +9).
int64_t fixed_offset_to_utc_ms(const LocalDateTime& local, int offset_h);

}  // namespace sharpline::adapters::history
