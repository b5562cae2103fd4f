using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>
/// Services that name one of Berth's base images (<c>postgres</c>, <c>mariadb</c>, <c>redis</c>, the managed services'
/// images): a server that speaks its own protocol, keeps its data on its volume and opens with a password it is given.
/// </summary>
internal sealed partial class ComposeReader
{
    /// <summary>The variable the base images read their administrator's password from (images/services/*-entrypoint.sh).</summary>
    public const string AdminPasswordVariable = "BERTH_ADMIN_PASSWORD";

    private void CheckBaseImage(YamlScalarNode nameNode, ComposeService service)
    {
        if (service.Server is null)
        {
            return;
        }

        var runs = $"service '{service.Name}' runs the base image '{service.Image}'";
        if (service.Published)
        {
            Error(nameNode, $"{runs}, whose server speaks its own protocol, not HTTP: the gateway cannot route to it, so use 'expose' instead of 'ports'");
        }

        if (service.Replicas != 1)
        {
            Error(nameNode, $"{runs}: one server on its volume, so deploy.replicas must be 1");
        }

        if (!service.Environment.ContainsKey(AdminPasswordVariable))
        {
            Error(nameNode, $"{runs}, whose server needs its administrator's password: set {AdminPasswordVariable} in 'environment'");
        }
    }
}
