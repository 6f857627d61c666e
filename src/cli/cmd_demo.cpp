// djq demo -o FILE: a realistic Django Q database for trying the app and for benchmarks.
#include <cstdio>

#include "cli/cli.h"
#include "core/demo/demo.h"
#include "core/io/file.h"

namespace cli {

int RunDemo(Args args) {
    core::DemoOptions options;
    auto output = args.Option("--output", "-o");
    if (!output) return args.UsageError(output.error().message);
    auto tasks = args.CountOption("--tasks");
    if (!tasks) return args.UsageError(tasks.error().message);
    auto schedules = args.CountOption("--schedules");
    if (!schedules) return args.UsageError(schedules.error().message);
    auto queued = args.CountOption("--queued");
    if (!queued) return args.UsageError(queued.error().message);
    auto seed = args.IntOption("--seed");
    if (!seed) return args.UsageError(seed.error().message);
    auto variant = args.Option("--variant");
    if (!variant) return args.UsageError(variant.error().message);
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (!output.value() || !rest->empty())
        return args.UsageError("wrong number of arguments");

    if (tasks.value()) options.tasks = *tasks.value();
    if (schedules.value()) options.schedules = *schedules.value();
    if (queued.value()) options.queued = *queued.value();
    if (seed.value()) options.seed = static_cast<std::uint64_t>(*seed.value());
    if (variant.value()) {
        if (*variant.value() == "q1") options.variant = core::Variant::DjangoQ1;
        else if (*variant.value() == "q2") options.variant = core::Variant::DjangoQ2;
        else return args.UsageError("--variant is q1 or q2, not \"" + *variant.value() + "\"");
    }

    auto db = core::MakeDemoDatabase(options);
    if (!db) return args.UsageError(db.error().Describe());
    auto bytes = db->Serialize();
    if (!bytes) return Fail(kBadInput, bytes.error().Describe());
    if (auto written = core::WriteFile(*output.value(), bytes.value()); !written) return Fail(kBadInput, written.error().Describe());
    std::printf("wrote %s: %lld tasks, %lld schedules, %lld queued (%s; queue signed with SECRET_KEY \"%s\", cluster \"%s\")\n",
                output.value()->c_str(), static_cast<long long>(options.tasks), static_cast<long long>(options.schedules),
                static_cast<long long>(options.queued), options.variant == core::Variant::DjangoQ2 ? "django-q2" : "django-q 1.3",
                core::kDemoSecretKey, core::kDemoCluster);
    return kOk;
}

}  // namespace cli
