#include <catch2/catch.hpp>

#include "core/insights/failure_signature.h"

using namespace core;

namespace {

// A result as Django Q stores a failure: "{exception} : {traceback.format_exc()}".
std::string Failure(const std::string& message, const std::string& frames, const std::string& type) {
    return message + " : Traceback (most recent call last):\n" +
           "  File \"/srv/app/venv/lib/python3.12/site-packages/django_q/worker.py\", line 104, in worker\n"
           "    res = f(*task[\"args\"], **task[\"kwargs\"])\n"
           "          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n" +
           frames + type + ": " + message + "\n";
}

const std::string kChargeFrame = "  File \"/srv/app/shop/billing.py\", line 41, in charge\n    raise PaymentError(f\"card {card} declined\")\n";
const std::string kRefundFrame = "  File \"/srv/app/shop/billing.py\", line 77, in refund\n    raise PaymentError(f\"card {card} declined\")\n";

}  // namespace

TEST_CASE("failure groups: the same error for other ids, amounts and values has one signature") {
    const auto a = SignatureOfFailure(Failure("card 4242 declined for order 8f14e45f-ceea-467f-a0e6-8a5f0f3c2b11 ('EUR' 12.50)",
                                              kChargeFrame, "shop.errors.PaymentError"));
    const auto b = SignatureOfFailure(Failure("card 31 declined for order 0c9a3e0f-1b2c-4d5e-8f90-a1b2c3d4e5f6 ('USD' 7)",
                                              kChargeFrame, "shop.errors.PaymentError"));
    CHECK(a.Key() == b.Key());
    CHECK(a.exception_type == "shop.errors.PaymentError");
    CHECK(a.message == "card N declined for order <id> ('\xE2\x80\xA6' N)");
    CHECK(a.file == "/srv/app/shop/billing.py");
    CHECK(a.function == "charge");
    CHECK(a.line == 41);
}

TEST_CASE("failure groups: different innermost frames are two groups, a moved line is not") {
    const auto charge = SignatureOfFailure(Failure("card 1 declined", kChargeFrame, "PaymentError"));
    const auto refund = SignatureOfFailure(Failure("card 1 declined", kRefundFrame, "PaymentError"));
    CHECK(charge.Key() != refund.Key());
    std::string moved = kChargeFrame;
    moved.replace(moved.find("line 41"), 7, "line 45");
    CHECK(SignatureOfFailure(Failure("card 2 declined", moved, "PaymentError")).Key() == charge.Key());
    // Another deploy folder or virtualenv is the same place: paths compare from the package on.
    std::string redeployed = kChargeFrame;
    redeployed.replace(redeployed.find("/srv/app/"), 9, "/srv/releases/20261124-0200/");
    CHECK(SignatureOfFailure(Failure("card 3 declined", redeployed, "PaymentError")).Key() == charge.Key());
    std::string other_module = kChargeFrame;
    other_module.replace(other_module.find("shop/"), 5, "crm/");
    CHECK(SignatureOfFailure(Failure("card 3 declined", other_module, "PaymentError")).Key() != charge.Key());
    // The same message and place with another exception class is another group.
    CHECK(SignatureOfFailure(Failure("card 1 declined", kChargeFrame, "TimeoutError")).Key() != charge.Key());
}

TEST_CASE("failure groups: Django Q's own frames (worker, timeout handler) are skipped for the task's innermost") {
    const std::string timeout =
        "Task exceeded maximum timeout value (3 seconds) : Traceback (most recent call last):\n"
        "  File \"/srv/app/src-q2-latest/django_q/worker.py\", line 104, in worker\n"
        "    res = f(*task[\"args\"], **task[\"kwargs\"])\n"
        "  File \"/srv/app/demoapp/tasks.py\", line 97, in slow\n"
        "    time.sleep(seconds)\n"
        "  File \"/srv/app/src-q2-latest/django_q/timeout.py\", line 15, in raise_timeout_exception\n"
        "    raise TimeoutException(\n"
        "django_q.exceptions.TimeoutException: Task exceeded maximum timeout value (3 seconds)\n";
    const auto signature = SignatureOfFailure(timeout);
    CHECK(signature.exception_type == "django_q.exceptions.TimeoutException");
    CHECK(signature.message == "Task exceeded maximum timeout value (N seconds)");
    CHECK(signature.file == "/srv/app/demoapp/tasks.py");
    CHECK(signature.function == "slow");

    // A builtin raising straight from the worker's call has only Django Q's frame: that one.
    const auto builtin = SignatureOfFailure(Failure("math domain error", "", "ValueError"));
    CHECK(builtin.function == "worker");
    CHECK(builtin.exception_type == "ValueError");
}

TEST_CASE("failure groups: a chained exception is grouped by the one that ended the task") {
    const std::string chained =
        "'missing' : Traceback (most recent call last):\n"
        "  File \"/srv/app/shop/stock.py\", line 10, in reserve\n"
        "    return items[key]\n"
        "KeyError: 'missing'\n"
        "\n"
        "During handling of the above exception, another exception occurred:\n"
        "\n"
        "Traceback (most recent call last):\n"
        "  File \"/srv/app/shop/stock.py\", line 12, in reserve\n"
        "    raise StockError(key)\n"
        "shop.stock.StockError: missing\n"
        "multi-line detail 42\n";
    const auto signature = SignatureOfFailure(chained);
    CHECK(signature.exception_type == "shop.stock.StockError");
    CHECK(signature.line == 12);
    CHECK(signature.message == "'\xE2\x80\xA6'");
}

TEST_CASE("failure groups: a result without a traceback is grouped by its message") {
    const auto a = SignatureOfFailure("Task exceeded maximum timeout value (30 seconds)");
    const auto b = SignatureOfFailure("Task exceeded maximum timeout value (5 seconds)");
    CHECK(a.Key() == b.Key());
    CHECK(a.exception_type.empty());
    CHECK(a.file.empty());
    CHECK(SignatureOfFailure("").message.empty());
}

TEST_CASE("failure groups: the message rule keeps words and normalises only values") {
    CHECK(NormaliseFailureMessage("bad value for field 'amount': -3") == "bad value for field '\xE2\x80\xA6': N");
    CHECK(NormaliseFailureMessage("don't retry user42 at 0x7f3a9c2e10") == "don't retry <id> at <id>");
    CHECK(NormaliseFailureMessage("took 1.25 s, limit +2") == "took N s, limit N");
    CHECK(NormaliseFailureMessage("x-ray of \"a.b\" failed") == "x-ray of \"\xE2\x80\xA6\" failed");
    CHECK(NormaliseFailureMessage("unclosed 'quote") == "unclosed 'quote");
    CHECK(NormaliseFailureMessage("Ünïcode 7 ✓") == "Ünïcode N ✓");
}

TEST_CASE("failure groups: a group's link id is its key's SHA-1, so a link names the same group in any export") {
    const auto a = SignatureOfFailure(Failure("card 4242 declined for order 8f14e45f-ceea-467f-a0e6-8a5f0f3c2b11 ('EUR' 12.50)",
                                              kChargeFrame, "shop.errors.PaymentError"));
    const auto b = SignatureOfFailure(Failure("card 31 declined for order 0c9a3e0f-1b2c-4d5e-8f90-a1b2c3d4e5f6 ('USD' 7)",
                                              kChargeFrame, "shop.errors.PaymentError"));
    const auto refund = SignatureOfFailure(Failure("card 31 declined for order 0c9a3e0f-1b2c-4d5e-8f90-a1b2c3d4e5f6 ('USD' 7)",
                                                   kRefundFrame, "shop.errors.PaymentError"));
    REQUIRE(a.Key() == "shop.errors.PaymentError\ncard N declined for order <id> ('\xE2\x80\xA6' N)\nshop/billing.py\ncharge");
    // python3 -c "import hashlib; print(hashlib.sha1(KEY.encode()).hexdigest()[:12])"
    CHECK(a.LinkId() == "e21a7f1570e5");
    CHECK(b.LinkId() == a.LinkId());
    CHECK(refund.LinkId() == "001122865ced");
}
