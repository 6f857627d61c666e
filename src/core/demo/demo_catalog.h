// What a demo Django project runs: task functions with their weights, typical durations and
// failure messages, and the schedules that launch some of them. Plain data, read by demo.cpp.
#pragma once

#include <array>
#include <string_view>

namespace core::demo_catalog {

struct TaskFunc {
    std::string_view func;
    int weight;             // relative frequency among ad-hoc (unscheduled) tasks
    int typical_millis;     // median run time
    // What it raises when it fails, as a traceback's last line names it ("Type: str(exception)");
    // '#' stands for a number that differs from task to task (an upload, an endpoint).
    std::string_view exception;
};

inline constexpr std::array<TaskFunc, 10> kFuncs{{
    {"shop.tasks.send_order_confirmation", 30, 350, "smtplib.SMTPServerDisconnected: Connection unexpectedly closed"},
    {"shop.tasks.charge_payment", 14, 900, "stripe.error.CardError: Your card was declined."},
    {"media.tasks.make_thumbnail", 16, 1200, "OSError: cannot identify image file '/srv/media/upload-#.bin'"},
    {"search.tasks.reindex_product", 12, 250, "ConnectionError: Elasticsearch is unreachable at search:9200"},
    {"notifications.tasks.push", 10, 120, "TimeoutError: push gateway did not answer in 10 s"},
    {"accounts.tasks.send_password_reset", 5, 300, "smtplib.SMTPRecipientsRefused: {'x@example.invalid': (550, b'No such user')}"},
    {"billing.tasks.generate_invoice_pdf", 5, 2600, "MemoryError"},
    {"webhooks.tasks.deliver", 6, 450, "requests.exceptions.HTTPError: 502 Server Error: Bad Gateway for url: https://hooks.example.invalid/endpoint/#"},
    {"analytics.tasks.track_event", 1, 60, "KeyError: 'session_id'"},
    {"shop.tasks.release_stock", 1, 200, "shop.models.Product.DoesNotExist: Product matching query does not exist."},
}};

struct DemoSchedule {
    std::string_view name;
    std::string_view func;
    std::string_view type;   // Django Q schedule_type
    int minutes;             // for type I
    std::string_view cron;   // for type C
    int repeats;
    int period_minutes;      // how often it ran in the demo's history
    int typical_millis;
};

inline constexpr std::array<DemoSchedule, 12> kSchedules{{
    {"nightly-sales-report", "reports.tasks.build_sales_report", "D", 0, "", -1, 1440, 14000},
    {"sync-inventory", "inventory.tasks.sync_stock", "I", 15, "", -1, 15, 3800},
    {"hourly-cache-warmup", "shop.tasks.warm_cache", "H", 0, "", -1, 60, 1900},
    {"weekday-digest", "notifications.tasks.send_digest", "C", 0, "0 9 * * 1-5", -1, 1440, 6200},
    {"weekly-cleanup", "accounts.tasks.cleanup_sessions", "W", 0, "", -1, 10080, 8000},
    {"monthly-invoices", "billing.tasks.run_monthly_invoicing", "M", 0, "", -1, 43200, 60000},
    {"quarterly-vat-export", "billing.tasks.export_vat", "Q", 0, "", -1, 129600, 20000},
    {"currency-rates", "billing.tasks.fetch_currency_rates", "C", 0, "*/30 6-22 * * *", -1, 30, 700},
    {"expire-carts", "shop.tasks.expire_carts", "I", 5, "", -1, 5, 400},
    {"sitemap", "seo.tasks.rebuild_sitemap", "D", 0, "", 30, 1440, 5000},
    {"one-off-migration", "shop.tasks.backfill_slugs", "O", 0, "", -1, 0, 90000},
    {"paused-newsletter", "notifications.tasks.send_newsletter", "W", 0, "", 0, 0, 30000},
}};

// humanhash-style task names: four words, as Django Q names its tasks.
inline constexpr std::array<std::string_view, 64> kWords{{
    "alabama", "alaska", "apart", "april", "arizona", "artist", "autumn", "avocado", "bacon", "beer", "berlin",
    "blossom", "blue", "bravo", "bulldog", "cardinal", "carolina", "cat", "charlie", "coffee", "cola", "colorado",
    "delta", "diet", "dakota", "eight", "eleven", "emma", "fifteen", "fish", "florida", "four", "fruit", "golf",
    "hawaii", "hot", "india", "iowa", "jersey", "juliet", "kansas", "kilo", "lemon", "lima", "london", "march",
    "mars", "mexico", "mike", "moon", "nebraska", "neptune", "oscar", "oven", "papa", "quebec", "robert", "saturn",
    "sierra", "spring", "tango", "texas", "venus", "yankee",
}};

}  // namespace core::demo_catalog
