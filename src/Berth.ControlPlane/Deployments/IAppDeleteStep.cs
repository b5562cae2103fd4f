namespace Berth.ControlPlane.Deployments;

/// <summary>
/// Something another part of Berth keeps for an app and drops when the app is deleted (a service binding's user), run
/// once the app's containers are gone and before its row goes, so a delete a crash interrupted runs it again.
/// </summary>
public interface IAppDeleteStep
{
    Task AppDeletedAsync(string appId, CancellationToken cancellationToken);
}
