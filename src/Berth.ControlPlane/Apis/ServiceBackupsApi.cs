using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Security.Quotas;
using Berth.ControlPlane.Services;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/services/{id}/backups</c> and <c>…/restore</c>: back a service up now (201 with the backup, succeeded or failed
/// with its reason), list its backups, restore one into the service or into a new service.
/// </summary>
internal static class ServiceBackupsApi
{
    public static RouteGroupBuilder MapServiceBackupsApi(this RouteGroupBuilder v1)
    {
        var service = v1.MapGroup("/services/{id}");
        service.MapPost("/backups", BackupAsync);
        service.MapGet("/backups", ListAsync);
        service.MapPost("/restore", RestoreAsync);
        return v1;
    }

    private static async Task<Created<BackupView>> BackupAsync(HttpContext context, ServiceBackups backups)
    {
        var service = context.OwnedService();
        var backup = await backups.BackupAsync(service, context.RequestAborted);
        return TypedResults.Created($"/v1/services/{service.Id}/backups/{backup.Id}", BackupView.From(backup));
    }

    private static async Task<Ok<BackupView[]>> ListAsync(HttpContext context, IServiceStore services) =>
        TypedResults.Ok((await services.ListBackupsAsync(context.OwnedService().Id, context.RequestAborted)).Select(BackupView.From).ToArray());

    /// <summary>
    /// Into the service itself, or (<c>to</c>) into a new service of the same type, version and size, created first as
    /// <c>POST /v1/services</c> creates one: within the tenant's quota, created now, with its start recorded.
    /// </summary>
    private static async Task<Results<Ok<ServiceView>, ProblemHttpResult>> RestoreAsync(
        RestoreServiceRequest request, HttpContext context, ServiceBackups backups, ServiceLauncher launcher, IServiceStore services,
        ServiceEvents events, TenantQuotas quotas, TimeProvider time)
    {
        var source = context.OwnedService();
        var backup = (await services.ListBackupsAsync(source.Id, context.RequestAborted)).FirstOrDefault(b => b.Id == request.Backup);
        if (backup is null)
        {
            return Problems.NotFound($"service '{source.Id}' has no backup '{request.Backup}'");
        }

        if (backup.State != BackupState.Succeeded)
        {
            return Problems.Conflict($"backup {backup.Id} {backup.State.ToString().ToLowerInvariant()}: only a complete backup restores");
        }

        // A service created again under a deleted one's name lists that one's kept backups, possibly of another type.
        if (backup.Type != source.Type)
        {
            return Problems.Conflict($"backup {backup.Id} is of {WireNames.Of(backup.Type)}, service '{source.Id}' is {WireNames.Of(source.Type)}");
        }

        var target = source;
        if (request.To is { } name)
        {
            if (!AppId.IsValid(name))
            {
                return Problems.BadRequest("to must be a DNS label (lowercase letters, digits, '-', at most 40): the new service's name");
            }

            if (await quotas.CheckAsync(source.Tenant, QuotaAsk.Service(source.MemoryMb), context.RequestAborted) is { } exceeded)
            {
                return exceeded;
            }

            var now = time.GetUtcNow();
            try
            {
                target = await launcher.ReserveAsync(source with { Id = name, ContainerId = null, Reason = null, CreatedAt = now, UpdatedAt = now }, context.RequestAborted);
                target = await launcher.StartAsync(target, context.RequestAborted);
                await events.RecordAsync(
                    target, AppEventType.InstanceStarted, $"started on {target.HostName} at {target.HostIp}:{target.HostPort}, data on volume {target.Volume}, for backup {backup.Id} of {source.Id}");
            }
            catch (ConflictException)
            {
                return Problems.Conflict($"service name '{name}' is taken");
            }
            catch (ServiceLaunchException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: $"Service '{name}' could not be created");
            }
        }

        try
        {
            await backups.RestoreAsync(target, backup, context.RequestAborted);
        }
        catch (InvalidOperationException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status500InternalServerError, title: "The restore failed");
        }

        return TypedResults.Ok(ServiceView.From(await services.GetServiceAsync(target.Id, context.RequestAborted) ?? target));
    }
}
