using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Privacy;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using Samordning.FollowUp.Jobs;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>Rotating the personnummer encryption key: the job re-encrypts everything with the new key, once.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Jobs")]
public sealed class KeyRotationTests(ApiFactory factory) : ApiTest(factory)
{
    // A third 32-byte key, distinct from the factory's encryption and HMAC keys.
    private static readonly string NewKey = Convert.ToBase64String([.. Enumerable.Range(201, 32).Select(i => (byte)i)]);

    /// <summary>The service restarted after a rotation: key 2 is current, the factory's key is kept as id 1.</summary>
    private WebApplicationFactory<Program> Rotated => Factory.WithSettings(
        ("IdentityProtection:EncryptionKey", NewKey),
        ("IdentityProtection:EncryptionKeyId", "2"),
        ("IdentityProtection:PreviousEncryptionKeys:0:Id", "1"),
        ("IdentityProtection:PreviousEncryptionKeys:0:Key", ApiFactory.EncryptionKey));

    [Fact]
    public async Task Rotation_ReencryptsEveryIdentityWithTheNewKeyOnce_AndTheCoachStillReadsThem()
    {
        var intervention = await Data.InterventionAsync();
        string[] numbers = [TestPersonnummer.Woman(0), TestPersonnummer.Woman(1), TestPersonnummer.Man(0)];
        var participations = new List<ParticipationDto>();
        foreach (var number in numbers)
        {
            participations.Add(await Data.ParticipationAsync(intervention.Id, TestData.Identified(number)));
        }

        var anonymous = await Data.InterventionAsync(Mode.AnonymousIndividual);
        await Data.ParticipationAsync(anonymous.Id, TestData.Anonymous());
        Assert.All(await CiphersAsync(), c => Assert.Equal(1, c[0]));

        // Batches of two: the three identities take two batches.
        var first = await ReencryptAsync(Rotated, batchSize: 2);

        Assert.Equal(new ReencryptIdentitiesResult(Examined: 3, Reencrypted: 3, Unreadable: 0, KeyId: 2), first);
        var ciphers = await CiphersAsync();
        Assert.Equal(3, ciphers.Count);
        Assert.All(ciphers, c => Assert.Equal(2, c[0]));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Participants.CountAsync(p => p.IdentityCipher == null, Ct)));

        // Readable with the new key alone; no longer with the old one.
        var newKeyOnly = Rotated.Services.GetRequiredService<IdentityProtector>();
        Assert.Equal(numbers.Order(), ciphers.Select(c => newKeyOnly.Decrypt(c).Value).Order());
        var oldKeyOnly = Factory.Services.GetRequiredService<IdentityProtector>();
        Assert.All(ciphers, c => Assert.ThrowsAny<CryptographicException>(() => oldKeyOnly.Decrypt(c)));

        // The job itself, run again: nothing is left, nothing changes, no second audit line.
        await using (var scope = Rotated.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<IdentityKeyRotationJob>(scope.ServiceProvider).RunAsync(Ct);
        }

        Assert.Equal(ciphers, await CiphersAsync());
        Assert.Equal(new ReencryptIdentitiesResult(3, 0, 0, 2), await ReencryptAsync(Rotated, batchSize: 500));

        var audit = Assert.Single(await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.KeyRotated).ToListAsync(Ct)));
        Assert.Equal("3 identiteter krypterades om med nyckel 2", audit.Detail);
        Assert.Equal("Participant", audit.EntityType);
        Assert.Equal("system", audit.UserName);

        // A coach of the provider, signed in at the restarted service, sees each masked number.
        var email = await Factory.CreateUserAsync(UserRole.Coach, Data.HomeAssociationId, Data.HomeProviderId);
        using var coach = new ApiClient(Rotated.CreateClient(), () => SignInAsync(Rotated, email));
        for (var i = 0; i < numbers.Length; i++)
        {
            var read = await (await coach.GetAsync($"/api/v1/participations/{participations[i].Id}"))
                .ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
            Assert.Equal(TestPersonnummer.Masked(numbers[i]), read.PersonalIdentityNumber);
        }
    }

    [Fact]
    public async Task Rotation_WithNothingToDo_WritesNoAuditLine()
    {
        var result = await ReencryptAsync(Rotated, batchSize: 500);

        Assert.Equal(new ReencryptIdentitiesResult(0, 0, 0, 2), result);
        Assert.False(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.KeyRotated, Ct)));
    }

    [Fact]
    public async Task Rotation_DoesNotBringBackAnIdentityErasedWhileItRuns()
    {
        var intervention = await Data.InterventionAsync();
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(0)));
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(1)));
        var ids = await Factory.WithDbAsync(db => db.Participants.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(Ct));

        // Between the job's read and its write of the second person, that identity is erased.
        var erased = false;
        Factory.Commands.AfterExecute = command =>
        {
            if (erased || !command.CommandText.StartsWith("UPDATE \"Participants\"", StringComparison.Ordinal))
            {
                return;
            }

            erased = true;
            using var erase = command.Connection!.CreateCommand();
            erase.Transaction = command.Transaction;
            erase.CommandText = "UPDATE \"Participants\" SET \"IdentityCipher\" = NULL WHERE \"Id\" = @id";
            var id = erase.CreateParameter();
            id.ParameterName = "@id";
            id.Value = ids[1];
            erase.Parameters.Add(id);
            erase.ExecuteNonQuery();
        };

        var result = await ReencryptAsync(Rotated, batchSize: 500);
        Factory.Commands.Reset();

        Assert.True(erased);
        Assert.Equal(new ReencryptIdentitiesResult(2, 1, 0, 2), result);
        var ciphers = await Factory.WithDbAsync(db => db.Participants.OrderBy(p => p.Id).Select(p => p.IdentityCipher).ToListAsync(Ct));
        Assert.Equal(2, ciphers[0]![0]);
        Assert.Null(ciphers[1]);
    }

    [Fact]
    public async Task Rotation_LeavesAndCountsWhatItCannotDecrypt()
    {
        var intervention = await Data.InterventionAsync();
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(0)));
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(1)));
        var (id, cipher) = await Factory.WithDbAsync(async db =>
        {
            var first = await db.Participants.OrderBy(p => p.Id).FirstAsync(Ct);
            byte[] damaged = [.. first.IdentityCipher!];
            damaged[0] = 9; // a key id that is not configured
            first.IdentityCipher = damaged;
            await db.SaveChangesAsync(Ct);
            return (first.Id, first.IdentityCipher);
        });

        var result = await ReencryptAsync(Rotated, batchSize: 500);

        Assert.Equal(new ReencryptIdentitiesResult(2, 1, 1, 2), result);
        Assert.Equal(cipher, await Factory.WithDbAsync(db => db.Participants.Where(p => p.Id == id).Select(p => p.IdentityCipher).SingleAsync(Ct)));
    }

    /// <summary>Sends the job's command in the given service, as the system.</summary>
    [Fact]
    public async Task Rotation_ReencryptsTheContactForTheFollowUpToo()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, new DateOnly(2025, 1, 1));
        var participation = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(4), new DateOnly(2025, 1, 7), new DateOnly(2025, 12, 1));
        await (await Coach.PutAsync($"/api/v1/participations/{participation.Id}/follow-up-contact",
            new System.Text.Json.Nodes.JsonObject { ["consent"] = true, ["email"] = "deltagare@test.example" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var before = await Factory.WithDbAsync(db => db.Participants.Where(p => p.ContactCipher != null).Select(p => p.ContactCipher!).SingleAsync(Ct));
        Assert.Equal(1, before[0]);

        var result = await ReencryptAsync(Rotated, batchSize: 500);

        Assert.Equal((1, 1, 0, 2, 1), (result.Examined, result.Reencrypted, result.Unreadable, result.KeyId, result.ContactsReencrypted));
        var after = await Factory.WithDbAsync(db => db.Participants.Where(p => p.ContactCipher != null).Select(p => p.ContactCipher!).SingleAsync(Ct));
        Assert.Equal(2, after[0]);
        Assert.Contains("deltagare@test.example", Rotated.Services.GetRequiredService<IdentityProtector>().DecryptText(after), StringComparison.Ordinal);
        Assert.ThrowsAny<CryptographicException>(() => Factory.Services.GetRequiredService<IdentityProtector>().DecryptText(after));
        Assert.Equal(0, (await ReencryptAsync(Rotated, batchSize: 500)).ContactsReencrypted);
    }

    private static async Task<ReencryptIdentitiesResult> ReencryptAsync(WebApplicationFactory<Program> host, int batchSize)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReencryptIdentitiesCommand(batchSize), Ct);
    }

    /// <summary>Every stored cipher, in participant order.</summary>
    private Task<List<byte[]>> CiphersAsync() => Factory.WithDbAsync(db => db.Participants
        .Where(p => p.IdentityCipher != null).OrderBy(p => p.Id).Select(p => p.IdentityCipher!).ToListAsync(Ct));

    private static async Task<string> SignInAsync(WebApplicationFactory<Program> host, string email)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiFactory.Password }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"Sign-in of {email} failed: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }
}
