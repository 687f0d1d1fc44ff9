// Every test class shares one service and one database (ApiTestGroup); never run them side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
