package org.divemap.migrations.spring.app;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DiveSiteRepository extends JpaRepository<DiveSite, Long> {
    List<DiveSite> findAllByOrderByIdAsc();
}
