using Berth.Contracts;
using Berth.ControlPlane.Services;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/services/{id}/backup-schedule</c>: set (PUT), read (GET) or stop (DELETE) a service's scheduled backups,
/// taken by the leader with the retention applied after each.
/// </summary>
internal static class ServiceBackupScheduleApi
{
    public const int MaxKeep = 1000;
    private const int DefaultKeep = 7;

    public static RouteGroupBuilder MapServiceBackupScheduleApi(this RouteGroupBuilder v1)
    {
        var schedule = v1.MapGroup("/services/{id}/backup-schedule");
        schedule.MapPut("/", SetAsync);
        schedule.MapGet("/", GetAsync);
        schedule.MapDelete("/", DeleteAsync);
        return v1;
    }

    /// <summary>The first scheduled backup is due one period from now.</summary>
    private static async Task<Results<Ok<BackupScheduleView>, ProblemHttpResult>> SetAsync(
        BackupScheduleRequest request, HttpContext context, IServiceStore services, IOptions<BerthOptions> options, TimeProvider time)
    {
        if (!Enum.TryParse<BackupPeriod>(request.Period, ignoreCase: true, out var period) || !Enum.IsDefined(period) || request.Period!.Any(char.IsDigit)
            || request.Keep is < 1 or > MaxKeep)
        {
            return Problems.BadRequest($"period must be hourly, daily or weekly, keep between 1 and {MaxKeep} (default {DefaultKeep})");
        }

        var schedule = new BackupSchedule
        {
            ServiceId = context.OwnedService().Id,
            Period = period,
            Keep = request.Keep ?? DefaultKeep,
            NextAt = time.GetUtcNow() + options.Value.BackupSchedule.LengthOf(period),
        };
        await services.SaveBackupScheduleAsync(schedule, context.RequestAborted);
        return TypedResults.Ok(View(schedule));
    }

    private static async Task<Results<Ok<BackupScheduleView>, ProblemHttpResult>> GetAsync(HttpContext context, IServiceStore services)
    {
        var id = context.OwnedService().Id;
        return await services.GetBackupScheduleAsync(id, context.RequestAborted) is { } schedule
            ? TypedResults.Ok(View(schedule))
            : Problems.NotFound($"service '{id}' has no backup schedule");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, IServiceStore services)
    {
        var id = context.OwnedService().Id;
        return await services.DeleteBackupScheduleAsync(id, context.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound($"service '{id}' has no backup schedule");
    }

    private static BackupScheduleView View(BackupSchedule schedule) =>
        new(schedule.ServiceId, schedule.Period.ToString().ToLowerInvariant(), schedule.Keep, schedule.NextAt);
}
