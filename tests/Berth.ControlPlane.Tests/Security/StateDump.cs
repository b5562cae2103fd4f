using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>
/// Everything Berth stores, as text to compare: every row of every table but the audit log (which records
/// attempts by design) and every app's config as the admin reads it.
/// </summary>
internal static class StateDump
{
    private static readonly string[] Tables = ["tenants", "api_tokens", "apps", "deployments", "hosts", "instances", "base_images"];

    public static async Task<string> TakeAsync(string databasePath, HttpClient admin)
    {
        var dump = new StringBuilder();
        await using (var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            foreach (var table in Tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
                await using var reader = await command.ExecuteReaderAsync();
                dump.Append("== ").AppendLine(table);
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        dump.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i)).Append(' ');
                    }

                    dump.AppendLine();
                }
            }
        }

        foreach (var app in await admin.GetFromJsonAsync<JsonElement[]>("/v1/apps") ?? [])
        {
            var id = app.GetProperty("id").GetString();
            dump.Append("== config of ").AppendLine(id).AppendLine(await admin.GetStringAsync($"/v1/apps/{id}/config"));
        }

        return dump.ToString();
    }
}
